import type { AuditKind } from './record.ts';

/**
 * What a handler may tell the kernel's audit about the current act: the
 * objects it touched and the personal data it revealed. The kernel writes
 * the record; the handler never does.
 */
export interface AuditScope {
  /** Names the records this act is about (`resident:11010…`, `declaration:…`). */
  objects(...ids: string[]): void;
  /** Marks that personal data of these objects was shown unmasked. */
  revealed(...ids: string[]): void;
  /** Raises the kind of the record (e.g. `admin` for an administrative act). */
  kind(kind: AuditKind): void;
  /** Notes a call made to another app (`golden-finance/treasury.receive`); the kernel's client does this. */
  calledOut(call: string): void;
}

export interface AuditScopeState {
  objectIds: string[];
  revealedIds: string[];
  kind: AuditKind | null;
  callOuts: string[];
}

/** The one way to name what an act touched: `<kind>:<id>`, the kind in kebab case (`resident:0b6f…`, `budget-unit:201001`). */
const objectName = /^[a-z][a-z0-9-]*:\S+$/;

/**
 * Refuses an object name that is not `<kind>:<id>`: a programming error, caught by the app's own tests.
 *
 * @example
 * assertObjectName('invoice:24112000000000000001') // fine
 * assertObjectName('24112000000000000001')         // throws
 */
export function assertObjectName(id: string): void {
  if (!objectName.test(id)) throw new Error(`audit object "${id}" must be named <kind>:<id>, e.g. invoice:2411…`);
}

export function createAuditScope(): { scope: AuditScope; state: AuditScopeState } {
  const state: AuditScopeState = { objectIds: [], revealedIds: [], kind: null, callOuts: [] };
  return {
    state,
    scope: {
      objects: (...ids) => {
        for (const id of ids) assertObjectName(id);
        for (const id of ids) if (!state.objectIds.includes(id)) state.objectIds.push(id);
      },
      revealed: (...ids) => {
        for (const id of ids) assertObjectName(id);
        for (const id of ids) if (!state.revealedIds.includes(id)) state.revealedIds.push(id);
      },
      kind: (kind) => {
        state.kind = kind;
      },
      calledOut: (call) => {
        state.callOuts.push(call);
      },
    },
  };
}
