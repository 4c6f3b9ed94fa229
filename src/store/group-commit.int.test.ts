import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { type Dialect, type Driver, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { audit } from '../app/audit/audit.log.ts';
import { verifyLedger } from '../app/audit/audit.verify.ts';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import type { AppContext } from '../app/ports/ports.context.ts';
import type { CheckRow, Store, Tx } from '../app/ports/ports.store.ts';
import { type CheckView, checkMeasure, findSubject } from '../app/queries/queries.usecases.ts';
import {
  type Engine,
  EVIDENCE,
  PG_ADMIN_URL,
  postgresAvailable,
  type TestRegistry,
  testRegistry,
} from '../app/testing/test-registry.ts';
import { makeUsci } from '../domain/usci.ts';
import { GROUP_LIMIT } from './group-commit.ts';
import { KyselyStore } from './kysely-store.ts';
import type { Database } from './schema.ts';

/**
 * Group commit (Store.grouped): checks asked at the same moment share one transaction and one COMMIT, each in a
 * savepoint of its own. Nothing is answered before the COMMIT; a call that fails takes only its own writes with it.
 */

const CI = Boolean(process.env.CI);
const PG_UP = await postgresAvailable();
const MEASURE = 'procurement.exclusion';
const ORGS = Array.from({ length: 10 }, (_, i) =>
  makeUsci('91350100', `M${String(7000 + i).padStart(7, '0')}`),
);

async function registry(engine: Engine): Promise<TestRegistry> {
  const r = await testRegistry('2026-11-01', 'rulebooks/default.yaml', engine);
  const done = await new Ingestor(r.ctx).apply([
    { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
    ...ORGS.map((usci, i) => ({ kind: 'organization', usci, name: `Group Commit Trading Co. ${i}` })),
  ]);
  assert.ok(done.every((x) => x.ok));
  return r;
}

/** `n` checks started in the same turn, spread over the organizations. */
function checksAtOnce(ctx: AppContext, n: number): Promise<CheckView>[] {
  return Array.from({ length: n }, (_, i) => checkMeasure(ctx, ORGS[i % ORGS.length]!, MEASURE));
}

async function checksOf(store: Store, usci: string): Promise<CheckRow[]> {
  const [s] = await store.subjectsByUsci([usci]);
  return store.checksOf(Number(s!.id));
}

/** The audit entries that committed ledger rows written without an entry of their own: one per transaction. */
async function ledgerWrites(store: Store): Promise<number> {
  return (await store.auditRange(0, 100_000)).filter((e) => e.action === 'ledger.write').length;
}

async function chainHolds(store: Store): Promise<void> {
  const report = await store.transaction((tx) => verifyLedger(tx));
  assert.ok(report.chain.ok, JSON.stringify(report.chain));
  assert.deepEqual(report.findings, []);
}

/** A check row written by hand, as a call that goes on to fail would leave it. */
async function strayCheck(ctx: AppContext, tx: Tx, usci: string): Promise<number> {
  const s = await findSubject(ctx, tx, usci);
  return tx.insertCheck({
    subject_id: Number(s.id),
    measure: MEASURE,
    asked_by: 'stray',
    asked_at: ctx.clock.now(),
    at: ctx.clock.now(),
    applies: 0,
    until: null,
    decisions: '[]',
    inputs: '{}',
  });
}

/** A second store on the same database whose COMMIT first awaits `beforeCommit` (which may throw instead). */
async function storeWithCommitHook(
  r: TestRegistry,
  engine: Engine,
  beforeCommit: () => Promise<void>,
): Promise<Store> {
  let base: Dialect;
  if (engine === 'sqlite') {
    const db = new SQLite(r.location.db!);
    db.pragma('busy_timeout = 5000');
    base = new SqliteDialect({ database: db });
  } else
    base = new PostgresDialect({ pool: new pg.Pool({ connectionString: r.location.databaseUrl, max: 2 }) });
  const dialect: Dialect = {
    createAdapter: () => base.createAdapter(),
    createQueryCompiler: () => base.createQueryCompiler(),
    createIntrospector: (db) => base.createIntrospector(db),
    createDriver: (): Driver => {
      const d = base.createDriver();
      const commit = d.commitTransaction.bind(d);
      d.commitTransaction = async (c) => {
        await beforeCommit();
        return commit(c);
      };
      return d;
    },
  };
  return new KyselyStore(new Kysely<Database>({ dialect }), engine);
}

for (const engine of ['sqlite', 'postgres'] as const) {
  const skip =
    engine === 'postgres' && !PG_UP && !CI
      ? `PostgreSQL is not reachable at ${PG_ADMIN_URL}; skipped outside CI`
      : false;
  describe(`group commit on ${engine}`, { skip }, () => {
    test('100 checks asked at once share one commit, and each is recorded exactly once with its own number', async () => {
      const r = await registry(engine);
      try {
        const before = await ledgerWrites(r.ctx.store);
        const answers = await Promise.all(checksAtOnce(r.ctx, 100));
        assert.equal(await ledgerWrites(r.ctx.store), before + 1, 'one audit entry commits the whole group');
        assert.equal(new Set(answers.map((a) => a.id)).size, 100, 'every answer names its own check');
        for (const usci of ORGS) {
          const rows = await checksOf(r.ctx.store, usci);
          assert.deepEqual(
            rows.map((c) => Number(c.seq)),
            Array.from({ length: 10 }, (_, i) => i + 1),
          );
          const ids = answers.filter((a) => a.subject === usci).map((a) => a.id);
          assert.deepEqual(
            ids.sort(),
            rows.map((c) => `CHK-${c.subject_id}-${c.seq}`).sort(),
            'the answers are the recorded checks',
          );
        }
        await chainHolds(r.ctx.store);
      } finally {
        await r.dispose();
      }
    });

    test(`a group holds at most ${GROUP_LIMIT} calls: the rest are committed by the next`, async () => {
      const r = await registry(engine);
      try {
        const before = await ledgerWrites(r.ctx.store);
        await Promise.all(checksAtOnce(r.ctx, 2 * GROUP_LIMIT + 50));
        assert.equal(await ledgerWrites(r.ctx.store), before + 3);
        await chainHolds(r.ctx.store);
      } finally {
        await r.dispose();
      }
    });

    test('a call that fails in a group loses only its own writes: the checks around it stay, numbered without a gap', async () => {
      const r = await registry(engine);
      try {
        const usci = ORGS[0]!;
        const first = checkMeasure(r.ctx, usci, MEASURE);
        const failing = r.ctx.store.grouped(async (tx) => {
          await strayCheck(r.ctx, tx, usci);
          // a statement the database refuses: on PostgreSQL it aborts the whole transaction unless rolled back
          await tx.insertRecords([{ subject_id: null } as never]);
          return 'unreachable';
        });
        const throwing = r.ctx.store.grouped(async (tx) => {
          await strayCheck(r.ctx, tx, usci);
          throw new Error('the caller gave up');
        });
        const last = checkMeasure(r.ctx, usci, MEASURE);
        const settled = await Promise.allSettled([first, failing, throwing, last]);
        assert.deepEqual(
          settled.map((s) => s.status),
          ['fulfilled', 'rejected', 'rejected', 'fulfilled'],
        );
        assert.equal((settled[2] as PromiseRejectedResult).reason.message, 'the caller gave up');
        const rows = await checksOf(r.ctx.store, usci);
        assert.deepEqual(
          rows.map((c) => [Number(c.seq), c.asked_by]),
          [
            [1, 'test'],
            [2, 'test'],
          ],
          'no stray check survives, and the acknowledged ones are numbered 1 and 2',
        );
        assert.deepEqual(
          [(await first).id, (await last).id],
          rows.map((c) => `CHK-${c.subject_id}-${c.seq}`),
        );
        await chainHolds(r.ctx.store);
      } finally {
        await r.dispose();
      }
    });

    test('a call alone in its group that fails leaves nothing behind', async () => {
      const r = await registry(engine);
      try {
        await assert.rejects(
          r.ctx.store.grouped(async (tx) => {
            await strayCheck(r.ctx, tx, ORGS[5]!);
            throw new Error('the caller gave up');
          }),
          /the caller gave up/,
        );
        assert.deepEqual(await checksOf(r.ctx.store, ORGS[5]!), []);
        assert.equal((await checkMeasure(r.ctx, ORGS[5]!, MEASURE)).id.endsWith('-1'), true);
        await chainHolds(r.ctx.store);
      } finally {
        await r.dispose();
      }
    });

    test('a call that wrote an audit entry of its own and then fails leaves the rows before it to the group', async () => {
      const r = await registry(engine);
      try {
        const [a, b, untouched] = [ORGS[1]!, ORGS[2]!, ORGS[3]!];
        const first = checkMeasure(r.ctx, a, MEASURE);
        // its stray checks are of a subject no other call checks: no later row takes their keys
        const failing = r.ctx.store.grouped(async (tx) => {
          await strayCheck(r.ctx, tx, untouched);
          // its entry commits the rows before it, the first check's among them, and is rolled back with the call
          await audit(tx, r.ctx, 'test.own_entry', null, { afterwards: 'fails' });
          await strayCheck(r.ctx, tx, untouched);
          throw new Error('the caller gave up');
        });
        const last = checkMeasure(r.ctx, b, MEASURE);
        const settled = await Promise.allSettled([first, failing, last]);
        assert.deepEqual(
          settled.map((s) => s.status),
          ['fulfilled', 'rejected', 'fulfilled'],
        );
        for (const usci of [a, b])
          assert.deepEqual(
            (await checksOf(r.ctx.store, usci)).map((c) => c.asked_by),
            ['test'],
          );
        assert.deepEqual(await checksOf(r.ctx.store, untouched), []);
        const actions = (await r.ctx.store.auditRange(0, 100_000)).map((e) => e.action);
        assert.ok(!actions.includes('test.own_entry'));
        // the first check is committed by the group's entry, and nothing of the failed call is
        await chainHolds(r.ctx.store);
      } finally {
        await r.dispose();
      }
    });

    test("a caller whose call fails cannot take back another caller's acknowledged check", async () => {
      const r = await registry(engine);
      try {
        const usci = ORGS[1]!;
        const acknowledged = await checkMeasure(r.ctx, usci, MEASURE);
        // the next group: a caller deletes what it can reach, writes, then fails; others are checked around it
        const results = await Promise.allSettled([
          checkMeasure(r.ctx, usci, MEASURE),
          r.ctx.store.grouped(async (tx) => {
            const [s] = await tx.subjectsByUsci([usci]);
            await tx.deleteRecord(Number(s!.id), 1);
            await strayCheck(r.ctx, tx, usci);
            throw new Error('refused');
          }),
          checkMeasure(r.ctx, usci, 'no.such_measure'),
          checkMeasure(r.ctx, usci, MEASURE),
        ]);
        assert.deepEqual(
          results.map((x) => x.status),
          ['fulfilled', 'rejected', 'rejected', 'fulfilled'],
        );
        const rows = await checksOf(r.ctx.store, usci);
        assert.equal(rows.length, 3);
        assert.equal(`CHK-${rows[0]!.subject_id}-${rows[0]!.seq}`, acknowledged.id);
        assert.ok(rows.every((c) => c.asked_by === 'test'));
        await chainHolds(r.ctx.store);
      } finally {
        await r.dispose();
      }
    });

    test('no check is answered before its COMMIT, and a COMMIT that fails answers none of them', async () => {
      const r = await registry(engine);
      let gate: () => void = () => {};
      let held = 0;
      let fail = false;
      const other = await storeWithCommitHook(r, engine, async () => {
        held++;
        if (fail) throw new Error('the disk is full');
        await new Promise<void>((res) => {
          gate = res;
        });
      });
      try {
        const ctx = { ...r.ctx, store: other };
        let answered = 0;
        const pending = checksAtOnce(ctx, 20).map((p) =>
          p.then((v) => {
            answered++;
            return v;
          }),
        );
        while (held === 0) await new Promise((res) => setTimeout(res, 5));
        await new Promise((res) => setTimeout(res, 50));
        assert.equal(answered, 0, 'nothing is answered while the COMMIT is under way');
        gate();
        assert.equal((await Promise.all(pending)).length, 20);

        fail = true;
        const before = await ledgerWrites(r.ctx.store);
        const counts = await Promise.all(ORGS.map(async (u) => (await checksOf(r.ctx.store, u)).length));
        const refused = await Promise.allSettled(checksAtOnce(ctx, 20));
        assert.ok(refused.every((x) => x.status === 'rejected' && x.reason.message === 'the disk is full'));
        assert.deepEqual(
          await Promise.all(ORGS.map(async (u) => (await checksOf(r.ctx.store, u)).length)),
          counts,
          'none of the refused checks was recorded',
        );
        assert.equal(await ledgerWrites(r.ctx.store), before);
        await chainHolds(r.ctx.store);
      } finally {
        await other.close();
        await r.dispose();
      }
    });

    test('grouped checks and ordinary transactions interleave without harm', async () => {
      const r = await registry(engine);
      try {
        const writes = ORGS.slice(0, 3).map((usci, i) =>
          new Ingestor(r.ctx).apply([
            {
              source: 'tax-bureau',
              id: `GC-${i}`,
              subject: usci,
              type: 'tax.late_payment',
              occurred_at: '2026-10-01',
              legal_basis: 'Tax Collection Administration Law art. 32',
              evidence: [EVIDENCE],
            },
          ]),
        );
        const [checks, written] = await Promise.all([
          Promise.all(checksAtOnce(r.ctx, 30)),
          Promise.all(writes),
        ]);
        assert.equal(checks.length, 30);
        assert.ok(written.flat().every((x) => x.ok));
        for (const usci of ORGS) assert.equal((await checksOf(r.ctx.store, usci)).length, 3);
        await chainHolds(r.ctx.store);
      } finally {
        await r.dispose();
      }
    });

    if (engine === 'postgres')
      test('a call that lost a race is run again on its own, and its first attempt leaves nothing', async () => {
        const r = await registry(engine);
        try {
          let attempts = 0;
          const [a, b] = await Promise.all([
            r.ctx.store.grouped(async (tx) => {
              attempts++;
              const seq = await strayCheck(r.ctx, tx, ORGS[2]!);
              if (attempts === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
              return seq;
            }),
            checkMeasure(r.ctx, ORGS[3]!, MEASURE),
          ]);
          assert.equal(attempts, 2);
          assert.equal(a, 1);
          assert.equal((await checksOf(r.ctx.store, ORGS[2]!)).length, 1);
          assert.equal(b.id.endsWith('-1'), true);
          // alone in its group, without a savepoint: the transaction is rolled back whole, and run again
          attempts = 0;
          const lone = await r.ctx.store.grouped(async (tx) => {
            attempts++;
            const seq = await strayCheck(r.ctx, tx, ORGS[4]!);
            if (attempts === 1)
              throw Object.assign(new Error('could not serialize access'), { code: '40001' });
            return seq;
          });
          assert.deepEqual([attempts, lone], [2, 1]);
          assert.equal((await checksOf(r.ctx.store, ORGS[4]!)).length, 1);
          await chainHolds(r.ctx.store);
        } finally {
          await r.dispose();
        }
      });
  });
}
