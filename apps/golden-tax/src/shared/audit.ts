/**
 * How golden-tax names what an act was about in the kernel's audit record.
 * Credit codes and invoice numbers are not personal data, so they are used as
 * they are; returns by their uuid.
 */
export const auditObject = {
  taxpayer: (creditCode: string) => `taxpayer:${creditCode}`,
  invoice: (number: string) => `invoice:${number}`,
  return: (id: string) => `return:${id}`,
  certificate: (certificateNo: string) => `import-vat-certificate:${certificateNo}`,
};
