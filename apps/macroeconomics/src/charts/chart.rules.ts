import * as echarts from 'echarts';
import type { SeriesPoint } from '../derived/figure.service.ts';

export interface ChartInput {
  title: string;
  unit: string;
  points: readonly SeriesPoint[];
  width?: number;
  height?: number;
}

/** Escapes text for SVG/XML (titles come from the indicator table). */
const plain = (text: string) => text.replace(/[<>&"']/g, ' ');

/**
 * An indicator's series as an SVG chart, rendered on the server with ECharts' SVG renderer
 * (`ssr: true`): bars for the values (left axis, in the indicator's unit) and lines for the year-on-year
 * and period-on-period changes (right axis, %). The stored figures are exact decimals; only the drawing
 * turns them into numbers, and the labels show the stored text.
 *
 * @example
 * const svg = renderChartSvg({ title: '进口货值', unit: '元', points });
 */
export function renderChartSvg(input: ChartInput): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: input.width ?? 800,
    height: input.height ?? 420,
  });
  try {
    const periods = input.points.map((p) => p.period);
    const pct = (m: 'yoy' | 'pop') =>
      input.points.map((p) => (p.derived[m] === undefined ? null : Number(p.derived[m])));
    chart.setOption({
      animation: false,
      title: { text: plain(input.title), left: 'center', textStyle: { fontSize: 16 } },
      legend: { bottom: 0, data: [`value (${input.unit})`, 'yoy %', 'pop %'] },
      grid: { left: 90, right: 70, top: 50, bottom: 60 },
      xAxis: { type: 'category', data: periods },
      yAxis: [
        { type: 'value', name: input.unit },
        { type: 'value', name: '%', position: 'right' },
      ],
      series: [
        {
          name: `value (${input.unit})`,
          type: 'bar',
          data: input.points.map((p) => ({
            value: Number(p.value),
            label: { show: true, formatter: p.value },
          })),
          label: { show: true, position: 'top', fontSize: 10 },
        },
        { name: 'yoy %', type: 'line', yAxisIndex: 1, data: pct('yoy'), connectNulls: false },
        { name: 'pop %', type: 'line', yAxisIndex: 1, data: pct('pop'), connectNulls: false },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
