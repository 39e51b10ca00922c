import fc from 'fast-check';
import { type Generated, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AgencyApp, createAgencyApp } from '../app/create.ts';
import { defineAgencyApp } from '../app/define.ts';
import { databaseTargets, dropFresh, freshDatabase, silentLogger, testIdentity } from '../testing/index.ts';
import { kernelTRPC } from './kernel-trpc.ts';
import { applyTextPolicy, text, textViolation } from './text-policy.ts';

interface Db {
  entry: { id: Generated<number>; body: string };
}

const { router, appRouter, procedure } = kernelTRPC<Db>();
const insert = async (db: any, body: string) => {
  await db.insertInto('entry').values({ body }).execute();
  return body;
};

/** Every kind of input a procedure takes: a bare string, fields, nested objects, arrays, records, unions. */
const textApp = defineAgencyApp<Db>({
  name: 'text-test',
  zone: 'internal',
  migrations: {
    '20261201T0000_entry': {
      up: async (db) => {
        await db.schema
          .createTable('entry')
          .addColumn('id', 'serial', (c) => c.primaryKey())
          .addColumn('body', 'text', (c) => c.notNull())
          .execute();
      },
    },
  },
  router: appRouter({
    // Public and before any login, as `auth.login` is.
    login: procedure
      .public()
      .input(z.strictObject({ username: z.string(), password: z.string() }))
      .mutation(({ ctx, input }) => insert(ctx.db, input.username)),
    search: procedure
      .requires('text-test.entry.read')
      .input(z.strictObject({ q: z.string().max(100) }))
      .query(async ({ ctx, input }) => {
        const rows = await ctx.db.selectFrom('entry').select('body').where('body', '=', input.q).execute();
        return rows.length;
      }),
    entries: router({
      bare: procedure
        .requires('text-test.entry.write')
        .input(z.string())
        .mutation(({ ctx, input }) => insert(ctx.db, input)),
      add: procedure
        .requires('text-test.entry.write')
        .input(
          z.strictObject({
            title: text({ max: 200 }),
            body: text({ multiline: true, max: 4000 }),
            payee: z.strictObject({ name: z.string(), notes: text({ multiline: true }).optional() }),
            lines: z.array(z.strictObject({ description: z.string() })),
            tags: z.record(z.string(), z.string()),
            party: z.discriminatedUnion('kind', [
              z.strictObject({ kind: z.literal('person'), name: z.string() }),
              z.strictObject({ kind: z.literal('org'), remark: text({ multiline: true }) }),
            ]),
          }),
        )
        .mutation(({ ctx, input }) =>
          insert(
            ctx.db,
            JSON.stringify([input.title, input.body, input.payee, input.lines, input.tags, input.party]),
          ),
        ),
    }),
  }),
});

const clean = {
  title: 'Title',
  body: 'line one\nline two\twith a tab',
  payee: { name: '北京测试供应商有限公司', notes: 'a\r\nb' },
  lines: [{ description: 'one' }, { description: 'two' }],
  tags: { colour: 'red' },
  party: { kind: 'org', remark: 'multi\nline' },
};

describe('the text policy (pure)', () => {
  it('refuses NUL, controls, bidi controls and lone surrogates, naming the rule', () => {
    expect(textViolation('a\u0000b', false)?.rule).toBe('nul');
    expect(textViolation('a\u0007b', false)?.rule).toBe('control_character');
    expect(textViolation('a\u007Fb', false)?.rule).toBe('control_character');
    expect(textViolation('a\u0085b', true)?.rule).toBe('control_character');
    expect(textViolation('a\nb', false)?.rule).toBe('control_character');
    expect(textViolation('a\tb', false)?.rule).toBe('control_character');
    expect(textViolation('a\nb\tc\r\n', true)).toBeUndefined();
    for (const c of [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ]) {
      expect(textViolation(`abc${c}def`, true)?.rule).toBe('bidi_control');
    }
    for (const c of ['\u200E', '\u200F', '\u061C'])
      expect(textViolation(`x${c}`, false)?.rule).toBe('bidi_control');
    expect(textViolation('x\uD800', false)?.rule).toBe('lone_surrogate');
    expect(textViolation('\uDC00x', false)?.rule).toBe('lone_surrogate');
    expect(textViolation('emoji 😀 and 中文', false)).toBeUndefined();
  });

  it('normalises to NFC, keys included, and leaves the caller input alone', () => {
    const input = { name: 'Ame\u0301lie', 'cafe\u0301': 'x', list: ['e\u0301'] };
    const out = applyTextPolicy(input) as Record<string, unknown>;
    expect(out).toEqual({ name: 'Amélie', café: 'x', list: ['é'] });
    expect(input.name).toBe('Ame\u0301lie');
  });

  it('accepts exactly the well-formed strings free of refused characters, and its output is NFC (property)', () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    const refused = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.boolean(), (s, multiline) => {
        const schemas = multiline ? [text({ multiline: true, trim: false })] : [z.string()];
        const allowed = multiline ? s.replace(/[\t\n\r]/g, '') : s;
        const wellFormed = !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
        const ok = wellFormed && !refused.test(allowed);
        let out: unknown;
        try {
          out = applyTextPolicy(s, schemas);
        } catch {
          expect(ok, JSON.stringify(s)).toBe(false);
          return;
        }
        expect(ok, JSON.stringify(s)).toBe(true);
        expect(out).toBe(s.normalize('NFC'));
      }),
      { numRuns: 500 },
    );
  });

  it('walks inputs of any depth without overflowing the stack', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => applyTextPolicy(deep)).toThrow(/nul/);
  });
});

describe.each(databaseTargets())('the text policy on every procedure, on $name', (target) => {
  let app: AgencyApp<Db>;
  let token: string;

  async function call(path: string, input: unknown, type: 'query' | 'mutation' = 'mutation', auth = true) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth) headers.authorization = `Bearer ${token}`;
    const res =
      type === 'query'
        ? await app.hono.request(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
            headers,
          })
        : await app.hono.request(`/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify(input) });
    return { status: res.status, body: (await res.json()) as any };
  }
  const rows = async () =>
    (
      await app.database.db
        .selectFrom('entry')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  beforeAll(async () => {
    const identity = await testIdentity('text-test');
    app = await createAgencyApp(textApp, {
      database: await freshDatabase(target, 'text_test'),
      verifyToken: identity.verifyToken,
      logger: silentLogger('text-test'),
    });
    token = await identity.officialToken({ permissions: ['text-test.entry.read', 'text-test.entry.write'] });
  });
  afterAll(() => dropFresh(app.database));

  it('accepts clean input, tab and newlines where the field allows them, and stores it NFC', async () => {
    const r = await call('entries.add', { ...clean, title: 'Cafe\u0301' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body.result.data)[0]).toBe('Café');
  });

  const nul = '\u0000';
  const cases: [string, string, unknown, 'query' | 'mutation', string, boolean][] = [
    [
      'a public procedure before login',
      'login',
      { username: `clerk${nul}`, password: 'x' },
      'mutation',
      'username',
      false,
    ],
    ['a query', 'search', { q: `a${nul}` }, 'query', 'q', true],
    ['a bare string input', 'entries.bare', `a${nul}b`, 'mutation', '(input)', true],
    ['a top-level field', 'entries.add', { ...clean, title: `T${nul}` }, 'mutation', 'title', true],
    ['a multiline field', 'entries.add', { ...clean, body: `a\n${nul}` }, 'mutation', 'body', true],
    [
      'a nested field',
      'entries.add',
      { ...clean, payee: { name: `n${nul}` } },
      'mutation',
      'payee.name',
      true,
    ],
    [
      'an array element',
      'entries.add',
      { ...clean, lines: [{ description: 'ok' }, { description: nul }] },
      'mutation',
      'lines.1.description',
      true,
    ],
    ['a record value', 'entries.add', { ...clean, tags: { colour: nul } }, 'mutation', 'tags.colour', true],
    [
      'a record key',
      'entries.add',
      { ...clean, tags: { [`k${nul}`]: 'v' } },
      'mutation',
      `tags.k${nul}`,
      true,
    ],
    [
      'a union member',
      'entries.add',
      { ...clean, party: { kind: 'person', name: nul } },
      'mutation',
      'party.name',
      true,
    ],
  ];

  it.each(cases)(
    'a NUL in %s is a 400 naming the field and the rule, and nothing is written',
    async (_, path, input, type, field, auth) => {
      const before = await rows();
      const r = await call(path, input, type, auth);
      expect(r.status).toBe(400);
      expect(r.body.error.data.issues).toEqual([expect.objectContaining({ path: field, rule: 'nul' })]);
      expect(await rows()).toBe(before);
    },
  );

  it('refuses controls, bidi overrides and lone surrogates outside multiline fields, with the rule', async () => {
    const before = await rows();
    const expectations: [unknown, string, string][] = [
      [{ ...clean, title: 'a\nb' }, 'title', 'control_character'],
      [{ ...clean, payee: { name: 'a\tb' } }, 'payee.name', 'control_character'],
      [{ ...clean, payee: { name: 'evil\u202Etxt.exe' } }, 'payee.name', 'bidi_control'],
      [{ ...clean, body: 'fine\n\u2066isolate' }, 'body', 'bidi_control'],
      [{ ...clean, body: 'bell\u0007' }, 'body', 'control_character'],
      [{ ...clean, party: { kind: 'person', name: 'two\nlines' } }, 'party.name', 'control_character'],
    ];
    for (const [input, field, rule] of expectations) {
      const r = await call('entries.add', input);
      expect(r.status, field).toBe(400);
      expect(r.body.error.data.issues).toEqual([expect.objectContaining({ path: field, rule })]);
    }
    // A lone surrogate cannot travel as UTF-8 JSON text; escaped, it arrives as one.
    const res = await app.hono.request('/trpc/entries.add', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...clean, title: 'X' }).replace('"X"', '"\\ud800"'),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.data.issues[0]).toMatchObject({
      path: 'title',
      rule: 'lone_surrogate',
    });
    expect(await rows()).toBe(before);
  });

  it('names every refused field of one input', async () => {
    const r = await call('entries.add', { ...clean, title: 'a\u0000', payee: { name: 'b\u202E' } });
    expect(r.status).toBe(400);
    expect(r.body.error.data.issues.map((i: { path: string; rule: string }) => [i.path, i.rule])).toEqual([
      ['payee.name', 'bidi_control'],
      ['title', 'nul'],
    ]);
  });
});

describe('procedures of a router not built by appRouter', () => {
  it('still apply the policy, with no field multiline', async () => {
    const { router: r, procedure: p, createCallerFactory } = kernelTRPC<Db>();
    const bare = r({
      echo: p
        .public()
        .input(text({ multiline: true }))
        .query(({ input }) => input),
    });
    const identity = await testIdentity('text-test');
    const caller = createCallerFactory(bare)({
      app: { name: 'text-test', zone: 'internal' },
      verifyToken: identity.verifyToken,
    } as never);
    await expect(caller.echo('a\u0000')).rejects.toThrow(/NUL/);
    await expect(caller.echo('a\nb')).rejects.toThrow(/control character/);
    await expect(caller.echo('e\u0301')).resolves.toBe('é');
  });
});
