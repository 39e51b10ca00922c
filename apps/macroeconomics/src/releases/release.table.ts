import type { DateColumn, InstantColumn } from '@egov/kernel/db';

/** The release calendar: when each indicator's figure for a period becomes public (发布日程). */
export interface ReleaseTable {
  indicator: string;
  period_start: DateColumn;
  release_at: InstantColumn;
  announced_by: string;
  announced_at: InstantColumn;
}
