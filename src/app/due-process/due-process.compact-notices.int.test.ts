// Compact notices in a registry, on both engines: what a subscriber receives is the same bytes and signature as
// when notices were stored rendered; a registry from before keeps its notices as they were written (migration
// 0016 marks them format 0 and rewrites nothing) and its audit ledger still verifies; a later rulebook version
// does not change a written notice; and a notice that cannot be rendered is never sent or shown as if it could.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgres } from '../../store/postgres/postgres.store.ts';
import { openSqlite } from '../../store/sqlite/sqlite.store.ts';
import { verifyChain, verifyRegistry } from '../audit/audit.usecases.ts';
import { activateRulebook, activeRulebooks } from '../governance/governance.rulebooks.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { NoticeRow } from '../ports/ports.due-process.ts';
import type { RecordRow } from '../ports/ports.store.ts';
import { exportFile } from '../queries/queries.export.ts';
import { findSubject } from '../queries/queries.usecases.ts';
import * as reference from '../testing/notices.reference.ts';
import {
  type Engine,
  EVIDENCE,
  postgresAvailable,
  type TestRegistry,
  testRegistry,
} from '../testing/test-registry.ts';
import { renderedNotices } from './due-process.notice-render.ts';
import { emitNotices, recordNotice } from './due-process.notices.ts';
import { deliverDue, type Post, signature } from './due-process.outbox.ts';
import { noticesOfSubject } from './due-process.views.ts';

const ORG = '91350100M000100Y43';
const REP = '110101199003074514';
const SECRET = 'k-office';
const BASE = [
  { kind: 'source', id: 'court', name: 'Court', domains: ['court'] },
  { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
  { kind: 'person', national_id: REP, name: 'Zhang Wei' },
  { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.', legal_representative: REP },
];
const rec = (source: string, id: string, type: string, at: string) => ({
  source,
  id,
  subject: ORG,
  type,
  occurred_at: at,
  legal_basis: 'Test basis art. 1',
  evidence: [EVIDENCE],
});
const RECORDS = [
  rec('tax-bureau', 'T-1', 'tax.late_payment', '2026-02-20'),
  rec('court', 'C-1', 'court.judgment_default', '2026-02-25'),
];
/** A record row as the ledger holds it (notices are built from rows like it). */
const recordRow = (subjectId: number, recordId: string, occurredAt: number): RecordRow => ({
  subject_id: subjectId,
  seq: 1,
  source: 'tax-bureau',
  record_id: recordId,
  type: 'tax.late_payment',
  occurred_at: occurredAt,
  recorded_at: occurredAt,
  legal_basis: 'Tax Collection Administration Law art. 32',
  evidence: '[]',
  amount: null,
  on_behalf_of: null,
  culpability: null,
  note: null,
  content_hash: 'h',
});
const PG_UP = await postgresAvailable();
const CI = Boolean(process.env.CI);

/** Runs SQL behind the registry's back, as someone with access to the database would. */
async function raw(r: TestRegistry, ...statements: string[]): Promise<Record<string, unknown>[]> {
  let rows: Record<string, unknown>[] = [];
  if (r.location.db) {
    const db = new Database(r.location.db);
    try {
      for (const s of statements) {
        const st = db.prepare(s);
        if (st.reader) rows = st.all() as Record<string, unknown>[];
        else st.run();
      }
    } finally {
      db.close();
    }
    return rows;
  }
  const c = new pg.Client({ connectionString: r.location.databaseUrl });
  await c.connect();
  try {
    for (const s of statements) rows = (await c.query(s)).rows;
  } finally {
    await c.end();
  }
  return rows;
}

const idOf = (ctx: AppContext, ref: string) =>
  ctx.store.transaction(async (tx) => Number((await findSubject(ctx, tx, ref)).id));

/** A subscriber that records every delivery (body and signature header) and answers 204. */
function capture() {
  const calls: { body: string; headers: Record<string, string> }[] = [];
  const post: Post = async (_url, body, headers) => {
    calls.push({ body, headers });
    return { status: 204 };
  };
  return { calls, post };
}

/**
 * What a subscriber receives for a notice: the envelope (which names the subject by USCI or P… since webhooks carry
 * `subject`) and the body as it was stored when bodies were stored rendered.
 */
function delivered(n: NoticeRow, fullBody: string, delivery: string, subject = ORG): string {
  return JSON.stringify({
    id: n.id,
    delivery,
    recipient: n.recipient,
    kind: n.kind,
    created_at: new Date(Number(n.created_at)).toISOString(),
    subject,
    subject_id: Number(n.subject_id),
    ...JSON.parse(fullBody),
  });
}

/** The body each compact notice of a subject would have been stored with, from the reference builders. */
async function referenceBodies(ctx: AppContext, subjectId: number): Promise<Map<string, string>> {
  const versions = await ctx.store.transaction((tx) => activeRulebooks(tx));
  const decisions = await ctx.store.decisionsOf(subjectId);
  const out = new Map<string, string>();
  for (const n of await ctx.store.noticesOf(subjectId)) {
    const c = JSON.parse(n.body);
    const now = Number(n.created_at);
    const rb = versions.versions.find((v) => v.hash === c.rb)!;
    let full: reference.FullNoticeRow | undefined;
    if (c.t === 'record') {
      const [row] = await ctx.store.recordsByKeys([{ source: c.s, record_id: c.r }]);
      full = reference.recordNotice(row!, rb, now);
    } else if (c.t === 'list')
      full = decisions
        .map((d) => reference.decisionNotice(d, now, rb, versions.byHash))
        .find((f) => f.id === n.id && f.kind === n.kind);
    else if (c.t === 'grade') full = reference.gradeDropNotice(subjectId, c.f, c.to, c.sc, now, rb);
    if (full) {
      assert.equal(full.id, n.id, 'the id is derived as before');
      out.set(n.id, full.body);
    }
  }
  return out;
}

async function setUp(engine: Engine): Promise<TestRegistry> {
  const r = await testRegistry('2026-03-01', 'rulebooks/default.yaml', engine);
  await r.ctx.store.insertSubscriber({
    id: 'office',
    url: 'https://hooks.example/office',
    secret: SECRET,
    recipients: '*',
    created_at: r.clock.now(),
  });
  await new Ingestor(r.ctx).apply(BASE);
  return r;
}

for (const engine of ['sqlite', 'postgres'] as const) {
  const skip = engine === 'postgres' && !PG_UP && !CI ? 'PostgreSQL is not reachable' : false;
  describe(`compact notices (${engine})`, { skip }, () => {
    test('an import stores notices compactly; a subscriber receives the same bytes and signature as before; the ledger verifies', async () => {
      const r = await setUp(engine);
      try {
        await new Ingestor(r.ctx).apply(RECORDS);
        const org = await idOf(r.ctx, ORG);
        const stored = await r.ctx.store.noticesOf(org);
        assert.deepEqual([...new Set(stored.map((n) => n.kind))].sort(), [
          'grade.drop',
          'list.warning',
          'record.adverse',
        ]);
        assert.ok(stored.every((n) => n.format === 1 && n.body.startsWith('{"v":1,')));
        const expected = await referenceBodies(r.ctx, org);
        assert.equal(expected.size, stored.length, 'a reference body for every notice of the organization');
        const { calls, post } = capture();
        const res = await deliverDue(r.ctx, post);
        assert.equal(res.dead, 0);
        const t = Math.floor(r.clock.now() / 1000);
        for (const n of stored) {
          const delivery = `${n.id}:office`;
          const call = calls.find((c) => c.headers['idempotency-key'] === delivery);
          assert.ok(call, `${n.kind} ${n.id} delivered`);
          assert.equal(call.body, delivered(n, expected.get(n.id)!, delivery), `${n.kind}: the same bytes`);
          assert.equal(call.headers['x-credence-signature'], signature(SECRET, call.body, t));
        }
        // rows as readers that print them get them (`credence notices`): the body rendered, no storage format
        const shown = await r.ctx.store.transaction(async (tx) =>
          renderedNotices(tx, await tx.noticesOf(org)),
        );
        assert.deepEqual(
          shown,
          stored.map(({ format: _, ...n }) => ({ ...n, body: expected.get(n.id) })),
        );
        // the bearer's own warning renders and is delivered like the others
        const rep = (await r.ctx.store.noticesOf(await idOf(r.ctx, REP))).map((n) => n.kind);
        assert.deepEqual(rep, ['bearer.warning']);
        assert.ok(calls.some((c) => JSON.parse(c.body).kind === 'bearer.warning'));
        assert.deepEqual((await verifyChain(r.ctx)).findings, []);
        assert.deepEqual((await verifyRegistry(r.ctx)).findings, []);
        // the ledger commits the compact body: an edit of it is named, as any edited notice was
        await raw(
          r,
          `update notices set body = replace(body, '"p":-10', '"p":-1') where subject_id = ${org}`,
        );
        const found = (await verifyChain(r.ctx)).findings.map((f) => f.message);
        assert.ok(
          found.some((m) => /^notice \d+\/N-\S+ edited after audit entry #\d+ \(differs: body\)$/.test(m)),
          found.join('\n'),
        );
      } finally {
        await r.dispose();
      }
    });

    test('a registry from before compact notices: migration 0016 keeps their bodies, they read and deliver as written, the ledger verifies', async () => {
      const r = await setUp(engine);
      let reopened: AppContext['store'] | undefined;
      try {
        const org = await idOf(r.ctx, ORG);
        const versions = await r.ctx.store.transaction((tx) => activeRulebooks(tx));
        const rb = versions.at(r.clock.now());
        const now = r.clock.now();
        // notices as the builders stored them before: the rendered body (format 0), committed to the ledger
        const old = [
          reference.recordNotice(recordRow(org, 'T-0', now - 9 * 86_400_000), rb, now)!,
          reference.gradeDropNotice(org, 'A', 'B', 940, now, rb),
          reference.caseNotice(
            org,
            'OBJ-1',
            'objection.received',
            'Your objection was received',
            'soon',
            now,
            {
              case: 'OBJ-1',
            },
          ),
        ];
        await r.ctx.store.transaction((tx) => emitNotices(tx, old, now));
        // the registry as it was before 0016: no format column, the migration not yet run
        await raw(
          r,
          'alter table notices drop column format',
          "delete from kysely_migration where name = '0016_compact_notices'",
        );
        assert.deepEqual((await verifyChain(r.ctx)).findings, [], 'the chain verifies before the migration');
        reopened = r.location.db
          ? await openSqlite(r.location.db)
          : await openPostgres(r.location.databaseUrl!);
        const ctx: AppContext = { ...r.ctx, store: reopened };
        const rows = await raw(
          r,
          `select id, format, body from notices where subject_id = ${org} order by id`,
        );
        assert.deepEqual(
          rows.map((x) => [x.id, Number(x.format), x.body]),
          old.map((n) => [n.id, 0, n.body]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
          'marked format 0, bodies untouched',
        );
        assert.deepEqual((await verifyChain(ctx)).findings, [], 'the chain verifies after the migration');
        const views = await noticesOfSubject(ctx, ORG, { onlyToSubject: false });
        for (const n of old) {
          const body = JSON.parse(n.body);
          const v = views.find((x) => x.id === n.id)!;
          assert.deepEqual(
            [v.title, v.reasons, v.legal_basis, v.options, v.refs],
            [body.title, body.reasons, body.legal_basis, body.options, body.refs],
          );
        }
        const file = await exportFile(ctx, ORG);
        for (const n of old)
          assert.deepEqual(
            file.notices.find((x) => x.id === n.id),
            {
              id: n.id,
              recipient: 'subject',
              kind: n.kind,
              created_at: new Date(now).toISOString(),
              ...JSON.parse(n.body),
            },
          );
        const { calls, post } = capture();
        await deliverDue(ctx, post);
        const t = Math.floor(now / 1000);
        for (const n of old) {
          const call = calls.find((c) => c.headers['idempotency-key'] === `${n.id}:office`)!;
          assert.equal(call.body, delivered(n, n.body, `${n.id}:office`));
          assert.equal(call.headers['x-credence-signature'], signature(SECRET, call.body, t));
        }
        // new notices beside the old ones are compact, and the whole ledger still verifies
        await new Ingestor(ctx).apply(RECORDS);
        const formats = (await ctx.store.noticesOf(org)).map((n) => n.format);
        assert.ok(formats.includes(0) && formats.includes(1), String(formats));
        assert.deepEqual((await verifyRegistry(ctx)).findings, []);
      } finally {
        await reopened?.close();
        await r.dispose();
      }
    });

    test('a rulebook version activated after a notice was written does not change it; the next notices use the new one', async () => {
      const r = await setUp(engine);
      try {
        await new Ingestor(r.ctx).apply([RECORDS[0]!]);
        const before = await noticesOfSubject(r.ctx, ORG, { onlyToSubject: true });
        assert.match(before[0]!.title, /Tax paid after the deadline \(-10 points\)/);
        const text = readFileSync('rulebooks/default.yaml', 'utf8');
        await activateRulebook(
          r.ctx,
          text
            .replace('version: "2026.1"', 'version: "2026.2"')
            .replace('effective_from: 2026-01-01', 'effective_from: 2026-02-01')
            .replace('objection_window: P30D', 'objection_window: P60D')
            .replace('"Tax paid after the deadline", zh: "逾期缴纳税款"', '"Late tax", zh: "迟缴"')
            .replace(/(tax\.late_payment:[\s\S]*?points: )-10/, '$1-25'),
        );
        r.clock.advance(86_400_000);
        const after = await noticesOfSubject(r.ctx, ORG, { onlyToSubject: true });
        assert.deepEqual(after, before, 'the written notice reads as it did');
        await new Ingestor(r.ctx).apply([rec('tax-bureau', 'T-2', 'tax.late_payment', '2026-02-27')]);
        const latest = await noticesOfSubject(r.ctx, ORG, { onlyToSubject: true });
        assert.ok(
          latest.some((n) => /Late tax \(-25 points\)/.test(n.title)),
          'the new version is in force',
        );
        assert.deepEqual((await verifyChain(r.ctx)).findings, []);
      } finally {
        await r.dispose();
      }
    });

    test('a notice naming a rulebook version the registry does not hold is shown marked and never delivered', async () => {
      const r = await setUp(engine);
      try {
        const org = await idOf(r.ctx, ORG);
        const versions = await r.ctx.store.transaction((tx) => activeRulebooks(tx));
        const rb = { ...versions.at(r.clock.now()), hash: 'f'.repeat(64) };
        const n = recordNotice(recordRow(org, 'T-9', r.clock.now()), rb, r.clock.now())!;
        await r.ctx.store.transaction((tx) => emitNotices(tx, [n], r.clock.now()));
        assert.deepEqual((await verifyChain(r.ctx)).findings, [], 'the ledger holds the row as written');
        const [shown] = await noticesOfSubject(r.ctx, ORG, { onlyToSubject: true });
        assert.match(shown!.title, /^This notice cannot be shown: .*rulebook version f{64}/);
        assert.equal(shown!.refs.unrenderable, 'notice.rulebook_unknown');
        const { calls, post } = capture();
        assert.deepEqual(await deliverDue(r.ctx, post), { delivered: 0, failed: 0, dead: 1 });
        assert.equal(calls.length, 0, 'nothing is sent in its place');
        const [dead] = await r.ctx.store.outbox('dead', 10);
        assert.match(dead!.last_error ?? '', /^notice cannot be rendered \(notice\.rulebook_unknown\)/);
      } finally {
        await r.dispose();
      }
    });
  });
}
