/**
 * Macroeconomics' plain service functions, for tooling that runs beside the app (the `series`
 * benchmark's bare side). Other apps never import these: they call the procedures.
 */
export { computeDerived } from './derived/derived.service.ts';
export { defineIndicator } from './indicators/indicator.service.ts';
export { migrations } from './migrations/index.ts';
export { ingestPublication } from './sources/source.service.ts';
