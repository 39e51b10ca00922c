/**
 * Golden-tax's plain service functions, for tooling that runs beside the app
 * (benchmarks, scripts, the lead's wiring of the treasury payment). Other apps
 * never import these: they call the procedures through the network client.
 */
export { importVatCertifiedHandler } from './inputs/customs.subscription.ts';
export { recordImportVatCertificate } from './inputs/input.service.ts';
export { issueInvoice, verifyInvoice } from './invoices/invoice.service.ts';
export { migrations } from './migrations/index.ts';
export { rateFor, vatRateTable } from './rates/vat-rates.ts';
export { duePayment, markPaid, type TreasuryReceipt } from './returns/payment.service.ts';
export { fileReturn } from './returns/return.service.ts';
export { findTaxpayer } from './taxpayers/taxpayer.service.ts';
export { demoInvoiceNumbers, demoTaxpayers, seedGoldenTax } from './seed.ts';
