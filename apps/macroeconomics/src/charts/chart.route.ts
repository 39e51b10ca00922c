import type { AppDatabase } from '@egov/kernel/db';
import type { Hono } from 'hono';
import type { MacroeconomicsDatabase } from '../database.ts';
import { series } from '../derived/figure.service.ts';
import { findIndicator } from '../indicators/indicator.service.ts';
import { SeriesKey } from '../shared/series-key.ts';
import { renderChartSvg } from './chart.rules.ts';

/**
 * `GET /charts/<indicator>.svg?region=&industry=`: the public chart of an indicator's released figures
 * (SVG rendered on the server), for the portal and anyone. Embargoed periods are never drawn here.
 */
export function chartRoutes(
  hono: Hono,
  { database }: { database: AppDatabase<MacroeconomicsDatabase> },
): void {
  hono.get('/charts/:file{[A-Z0-9-]+\\.svg}', async (c) => {
    const parsed = SeriesKey.safeParse({
      indicator: c.req.param('file').replace(/\.svg$/, ''),
      ...(c.req.query('region') ? { region: c.req.query('region') } : {}),
      ...(c.req.query('industry') ? { industry: c.req.query('industry') } : {}),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return c.json({ error: `${issue.path.join('.')}: ${issue.message}` }, 400);
    }
    const indicator = await findIndicator(database.db, parsed.data.indicator);
    if (!indicator) return c.json({ error: `indicator: no indicator ${parsed.data.indicator}` }, 404);
    const points = await series(
      database.db,
      { ...parsed.data, industry: parsed.data.industry ?? '', frequency: indicator.frequency },
      { releasedOnly: true, now: new Date() },
    );
    const svg = renderChartSvg({
      title: `${indicator.nameZh} ${indicator.nameEn}`,
      unit: indicator.unit,
      points,
    });
    return c.body(svg, 200, {
      'content-type': 'image/svg+xml; charset=utf-8',
      'cache-control': 'public, max-age=60',
    });
  });
}
