/**
 * The part of the kernel's audit scope golden-shield uses. Optional, and typed
 * here by shape, so the app runs on a kernel with or without the audit
 * middleware; once every kernel has it, `audit` on the context is always set.
 */
export interface AuditNotes {
  audit?: {
    objects(...ids: string[]): void;
    revealed(...ids: string[]): void;
  };
}

/**
 * Tells the audit which resident the act was about, and whether their full ID
 * was shown. Residents are named by the internal uuid (`resident:0b6f…`),
 * which golden-shield can resolve, so national IDs are not copied into the
 * long-lived audit log.
 *
 * @example
 * noteResident(ctx, resident.uuid, { revealed: canReveal(ctx.principal) });
 */
export function noteResident(ctx: AuditNotes, uuid: string, options: { revealed?: boolean } = {}): void {
  const object = `resident:${uuid}`;
  ctx.audit?.objects(object);
  if (options.revealed) ctx.audit?.revealed(object);
}
