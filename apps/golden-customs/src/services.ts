/**
 * Golden-customs' plain service functions, for tooling that runs beside the
 * app (benchmarks, scripts, the cross-app flow test). Other apps never import
 * these: they call the procedures through the network client.
 */
export { SubmitDeclarationInput } from './declarations/declaration.schemas.ts';
export { findByReference, getDeclaration } from './declarations/declaration-read.service.ts';
export { submitDeclaration } from './declarations/declaration.service.ts';
export { releaseDeclaration } from './declarations/release.service.ts';
export { findImporter, registerImporter } from './importers/importer.service.ts';
export { recordInspection } from './inspections/inspection.service.ts';
export { migrations } from './migrations/index.ts';
export { payDeclaration } from './payments/payment.service.ts';
export type { TreasuryClient, TreasuryReceipt } from './payments/treasury-client.ts';
export { demoDeclarations, demoImporters, seedGoldenCustoms } from './seed.ts';
