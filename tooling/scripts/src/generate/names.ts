import type { Zone } from '@egov/kernel/identity';

/** What `egov new app` is told about the new system. */
export interface NewApp {
  /** Kebab-case folder, schema and service name, e.g. `golden-water`. */
  name: string;
  titleZh: string;
  titleEn: string;
  zone: Zone;
  /** The operating agency's code (`mwr`) and name (`Ministry of Water Resources`). */
  agency: { code: string; name: string };
  /** Offset from the platform's port; the generator takes the next free one. */
  portOffset: number;
}

/** The spellings of an app's name the templates need. */
export function spellings(name: string) {
  const camel = name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  const pascal = camel[0]!.toUpperCase() + camel.slice(1);
  return { camel, pascal, schema: name.replaceAll('-', '_') };
}

/**
 * Checks what a person typed, naming the first bad option.
 *
 * @example
 * checkNewApp({ name: 'Golden Water', ... }) // throws: name must be kebab-case
 */
export function checkNewApp(app: NewApp): NewApp {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(app.name))
    throw new Error(`name "${app.name}" must be kebab-case (golden-water)`);
  if (app.name === 'platform') throw new Error('"platform" is taken');
  if (!app.titleZh.trim() || !app.titleEn.trim()) throw new Error('--title-zh and --title-en are required');
  if (!['internal', 'external', 'public'].includes(app.zone))
    throw new Error(`--zone must be internal, external or public, not "${app.zone}"`);
  if (!/^[a-z][a-z0-9-]*$/.test(app.agency.code))
    throw new Error(`--agency "${app.agency.code}" must be a lower-case code (mwr)`);
  if (!app.agency.name.trim()) throw new Error('--agency-name is required');
  for (const text of [app.titleZh, app.titleEn, app.agency.name])
    if (/['`\\$\n]/.test(text))
      throw new Error(`"${text}": quotes, backslashes, $ and new lines are not allowed`);
  return app;
}
