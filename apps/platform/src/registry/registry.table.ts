import type { Selectable } from 'kysely';

/** Where an app answers (S1.4 unified address and routing), one row per app name. */
export interface RegistrationTable {
  name: string;
  zone: 'internal' | 'external' | 'public';
  base_url: string;
  version: string;
  /** When the current address was registered (each start re-registers). */
  registered_at: Date;
  /** Kept apart from `registered_at` for the heartbeats to come. */
  last_seen_at: Date;
}

export type RegistrationRow = Selectable<RegistrationTable>;
