import type { AppDatabase } from '@egov/kernel/db';
import type { Logger } from '@egov/kernel/log';
import type { ResidentId } from '@egov/standards';
import { registerBirth } from './births/birth.service.ts';
import type { GoldenShieldDatabase, GoldenShieldDb } from './database.ts';
import { recordDeath } from './deaths/death.service.ts';
import { lastMoveDate, recordMove } from './moves/move.service.ts';
import { findResident } from './residents/resident.service.ts';
import type { Sex } from './residents/resident.table.ts';
import { currentCountyInput } from './shared/inputs.ts';
import { inTransaction } from '@egov/kernel/db';

interface DemoResident {
  name: string;
  sex: Sex;
  birthDate: string;
  division: string;
  move?: { toDivision: string; movedOn: string };
  death?: { diedOn: string; placeDivision: string; certificateNo: string };
}

/** The demo population: a few real divisions, one household move, one death. */
export const demoResidents: readonly DemoResident[] = [
  { name: '张伟', sex: 'male', birthDate: '1985-03-12', division: '110101' }, // 北京东城
  { name: '王芳', sex: 'female', birthDate: '1990-07-08', division: '110101' },
  { name: '李娜', sex: 'female', birthDate: '1978-11-23', division: '310101' }, // 上海黄浦
  {
    name: '刘洋',
    sex: 'male',
    birthDate: '1992-01-30',
    division: '310101',
    move: { toDivision: '110105', movedOn: '2016-09-01' }, // to 北京朝阳 for work
  },
  { name: '陈静', sex: 'female', birthDate: '2001-05-16', division: '350102' }, // 福州鼓楼
  { name: '杨磊', sex: 'male', birthDate: '1968-09-04', division: '350102' },
  { name: '赵敏', sex: 'female', birthDate: '1995-12-25', division: '440106' }, // 广州天河
  { name: '黄强', sex: 'male', birthDate: '1983-06-18', division: '510104' }, // 成都锦江
  { name: '买买提·艾力', sex: 'male', birthDate: '1988-04-02', division: '650102' }, // 乌鲁木齐天山
  {
    name: '吴刚',
    sex: 'male',
    birthDate: '1938-02-14',
    division: '350102',
    death: { diedOn: '2023-11-02', placeDivision: '350102', certificateNo: 'D350102202300917' },
  },
];

/** The demo residents' names; their IDs are issued at seed time, see {@link demoResidentIds}. */
export const demoResidentNames: readonly string[] = demoResidents.map((r) => r.name);

/*
 * Issued IDs depend on what was registered before, so the seed cannot key on
 * them. It keys on (name, birth date, birth division) instead: a demo resident
 * with that triple is taken as already seeded, and each later step (move,
 * death) runs only if it has not happened yet. A second run writes nothing.
 */
async function findDemo(db: GoldenShieldDb, demo: DemoResident): Promise<ResidentId | undefined> {
  const row = await db
    .selectFrom('resident')
    .select('resident_id')
    .where('name', '=', demo.name)
    .where('birth_date', '=', demo.birthDate)
    .where('birth_division', '=', demo.division)
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.resident_id as ResidentId | undefined;
}

/**
 * The seeded demo residents' IDs by name (demo names are unique).
 *
 * @example
 * const ids = await demoResidentIds(app.database.db);
 * ids.get('张伟') // '110101198503120011'-like
 */
export async function demoResidentIds(db: GoldenShieldDb): Promise<Map<string, ResidentId>> {
  const ids = new Map<string, ResidentId>();
  for (const demo of demoResidents) {
    const id = await findDemo(db, demo);
    if (id) ids.set(demo.name, id);
  }
  return ids;
}

/**
 * Loads the demo population through the same services the procedures use.
 * Idempotent (see above).
 *
 * @example
 * await seedGoldenShield(app.database, log);
 */
export async function seedGoldenShield(
  database: AppDatabase<GoldenShieldDatabase>,
  log: Logger,
): Promise<void> {
  let writes = 0;
  for (const demo of demoResidents) {
    await inTransaction(database.db, async (trx) => {
      const recorder = { by: 'seed:golden-shield', at: new Date() };
      let residentId = await findDemo(trx, demo);
      if (!residentId) {
        // Through the input schema, so a typo in the demo data fails loudly instead of seeding a bad code.
        const division = currentCountyInput.parse(demo.division);
        const birth = { name: demo.name, sex: demo.sex, birthDate: demo.birthDate, division };
        residentId = (await registerBirth(trx, birth, recorder)).residentId;
        writes += 1;
      }
      const resident = (await findResident(trx, residentId))!;
      if (demo.move && !(await lastMoveDate(trx, resident.uuid))) {
        await recordMove(trx, { residentId, ...demo.move }, recorder);
        writes += 1;
      }
      if (demo.death && resident.status === 'alive') {
        await recordDeath(trx, { residentId, ...demo.death }, recorder);
        writes += 1;
      }
    });
  }
  log.info(
    { writes },
    writes > 0 ? 'golden-shield demo population seeded' : 'golden-shield demo population present',
  );
}
