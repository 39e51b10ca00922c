import { chinaDate, issueResidentId, type ResidentId } from '@egov/standards';
import { bootApp, type DatabaseTarget, trpcHttp } from '@egov/testing';
import { goldenShield } from './app.ts';

/** Every permission golden-shield declares, by what tests call them. */
export const perm = {
  register: 'golden-shield.birth.register',
  move: 'golden-shield.household.move',
  death: 'golden-shield.death.record',
  read: 'golden-shield.resident.read',
  reveal: 'golden-shield.resident.reveal',
  verify: 'golden-shield.identity.verify',
} as const;

const tables = ['resident', 'household_move', 'death', 'id_sequence', 'verification_log'] as const;

/**
 * Boots golden-shield on a fresh schema of `target` with helpers the suites
 * share: HTTP calls, tokens by permission, and row counts of every table (to
 * prove a refused call wrote nothing).
 *
 * @example
 * const gs = await bootGoldenShield(target);
 * const r = await gs.call('births.register', input, await gs.token(perm.register));
 */
export async function bootGoldenShield(target: DatabaseTarget) {
  const booted = await bootApp(goldenShield, target);
  const db = booted.app.database.db;
  return {
    ...booted,
    db,
    counts: () => booted.counts(tables),
    /** Registers a birth with every permission and returns the full ID. */
    born: async (input: {
      name: string;
      sex: 'male' | 'female';
      birthDate: string;
      divisionCode: string;
    }) => {
      const token = await booted.identity.officialToken({ permissions: [perm.register, perm.reveal] });
      const r = await trpcHttp(booted.app.hono, 'births.register', { type: 'mutation', input, token });
      if (r.status !== 200) throw new Error(`birth refused: ${JSON.stringify(r.error)}`);
      return (r.data as { residentId: ResidentId }).residentId;
    },
  };
}

export type GoldenShieldTestApp = Awaited<ReturnType<typeof bootGoldenShield>>;

/**
 * A valid resident ID that nobody was issued in a fresh schema (Harbin, sequence 997).
 *
 * @example
 * await gs.call('residents.get', { residentId: unissuedResidentId() }, token, 'query') // 404
 */
export function unissuedResidentId(): string {
  return issueResidentId({ division: '230102', birthDate: '1970-01-01', sequence: 997 });
}

/** Tomorrow in China, the first date every date input must refuse. */
export function tomorrowInChina(): string {
  return chinaDate(new Date(Date.now() + 86_400_000));
}
