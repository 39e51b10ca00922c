/** One object an official may act on: `kind` (`budget-unit`) and its id, or `*` for every one. */
export interface OfficialScopeTable {
  official_id: string;
  kind: string;
  object_id: string;
  assigned_at: Date;
  assigned_by: string;
}
