/**
 * Several `credence import` processes on one PostgreSQL database, writing records for the same subjects at the
 * same time: nothing lost, nothing duplicated, and every subject's derived state equal to a recomputation from the
 * ledger. The mechanism under test is described in docs/scaling.md (subject row locks in id order, idempotency
 * re-checked after locking, retry on 40001/40P01/23505, an advisory lock for the audit chain).
 *
 * Default: 4 processes × 5,000 records over 1,000 shared subjects (well under 90 s on 2 cores).
 * CREDENCE_FULL_CONCURRENCY=1: 4 × 50,000.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { verifyAudit } from '../../app/audit/audit.log.ts';
import { loadFiles } from '../../app/derive/derive.files.ts';
import { encodeState } from '../../app/derive/derive.state.ts';
import { decisionRows, ledgerInputs } from '../../app/derive/derive.usecases.ts';
import { activeRulebooks } from '../../app/governance/governance.rulebooks.ts';
import { cliArgs } from '../../app/testing/cli.ts';
import { PG_ADMIN_URL, postgresAvailable, testRegistry } from '../../app/testing/test-registry.ts';
import { formatDate, parseInstant } from '../../domain/time.ts';
import { derive } from '../../rules/explain.ts';
import type { RecordType } from '../../rules/rulebook.model.ts';
import { Timeline } from '../../rules/scorer.ts';
import { prng, simulatePopulation } from '../../sim/population.ts';

const FULL = process.env.CREDENCE_FULL_CONCURRENCY === '1';
const WORKERS = 4;
const PER_WORKER = FULL ? 50_000 : 5_000;
const SUBJECTS = 1_000;
/** Distinct record keys drawn from: each key is submitted about WORKERS × PER_WORKER / UNIVERSE ≈ 2 times. */
const UNIVERSE = Math.round((WORKERS * PER_WORKER) / 2);
/** One key in CONTESTED is submitted with different content by each worker: one wins, the others get 409s. */
const CONTESTED = 97;
/**
 * Each worker's records are split over files of this many lines, imported by one process one after the other:
 * `import` makes (at least) one transaction a file, so the workers' transactions interleave many times.
 */
const PER_FILE = FULL ? 10_000 : 1_000;
const NOW = '2026-11-01';
const CI = Boolean(process.env.CI);
const PG_UP = await postgresAvailable();

interface Line {
  readonly source: string;
  readonly id: string;
  readonly subject: string;
  readonly type: string;
  readonly occurred_at: string;
  readonly legal_basis: string;
  readonly evidence: string[];
  readonly amount?: number;
  readonly on_behalf_of?: string;
  readonly culpability?: string;
}

/** Record k of the universe, as worker w submits it: the same content from every worker, except contested keys. */
function recordLine(
  k: number,
  w: number,
  subjects: readonly { ref: string; kind: 'person' | 'organization' }[],
  types: Record<'person' | 'organization', RecordType[]>,
  represents: ReadonlyMap<string, string[]>,
): Line {
  const rnd = prng(k * 7919 + 17);
  const s = subjects[Math.floor(rnd() * subjects.length)]!;
  const ts = types[s.kind];
  const t = ts[Math.floor(rnd() * ts.length)]!;
  const day = Math.floor(rnd() * 3 * 365);
  let hex = '';
  for (let i = 0; i < 8; i++)
    hex += Math.floor(rnd() * 0xffffffff)
      .toString(16)
      .padStart(8, '0');
  const orgs = represents.get(s.ref);
  const behalf = orgs && rnd() < 0.05 ? orgs[Math.floor(rnd() * orgs.length)] : undefined;
  const contested = k % CONTESTED === 0;
  return {
    source: `${t.domain}-authority`,
    id: `K-${String(k).padStart(8, '0')}`,
    subject: s.ref,
    type: t.name,
    occurred_at: formatDate(parseInstant(NOW)! - day * 86_400_000),
    legal_basis: `Concurrency test under ${t.title}`,
    evidence: [`sha256:${hex}`],
    ...(t.domain === 'tax' || t.domain === 'finance' || contested
      ? { amount: contested ? 1000 + w : Math.round(rnd() * 200_000) }
      : {}),
    ...(behalf ? { on_behalf_of: behalf, culpability: 'knowledge' } : {}),
  };
}

function importProcess(
  files: readonly string[],
  url: string,
): Promise<{ code: number | null; out: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...cliArgs(), 'import', ...files, '--database-url', url], {
      env: { ...process.env, CREDENCE_ID_KEY: 'test-key', CREDENCE_NOW: NOW, TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (c) => (out += c));
    p.stderr.on('data', (c) => (out += c));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, out, ms: performance.now() - started }));
  });
}

const skip = PG_UP
  ? false
  : CI
    ? false
    : `PostgreSQL is not reachable at ${PG_ADMIN_URL}; skipped outside CI (start it with pg_ctlcluster)`;

test(`${WORKERS} import processes × ${PER_WORKER.toLocaleString('en-US')} records over ${SUBJECTS.toLocaleString('en-US')} shared subjects lose nothing, duplicate nothing, and leave every derived state equal to a recomputation`, {
  skip,
  timeout: FULL ? 4 * 3600_000 : 300_000,
}, async (t) => {
  if (!PG_UP)
    assert.fail(
      `PostgreSQL is not reachable at ${PG_ADMIN_URL} and CI is set: the concurrency test must run`,
    );
  const r = await testRegistry(NOW, 'rulebooks/default.yaml', 'postgres');
  const dir = mkdtempSync(join(tmpdir(), 'credence-concurrency-'));
  const url = r.location.databaseUrl!;
  try {
    const versions = await r.ctx.store.transaction((tx) => activeRulebooks(tx));
    const rb = versions.at(r.ctx.clock.now());
    // the population: the same source and subject lines open every worker's file (they race to register them)
    const subjectLines: Record<string, unknown>[] = [];
    const subjects: { ref: string; kind: 'person' | 'organization' }[] = [];
    const represents = new Map<string, string[]>(); // person → organizations they represent or control
    for (const l of simulatePopulation(rb, { subjects: SUBJECTS, seed: 11, now: parseInstant(NOW)! })) {
      if (!('kind' in l)) continue;
      subjectLines.push(l);
      if (l.kind === 'person') subjects.push({ ref: String(l.national_id), kind: 'person' });
      if (l.kind === 'organization') {
        subjects.push({ ref: String(l.usci), kind: 'organization' });
        for (const role of ['legal_representative', 'actual_controller'])
          if (typeof l[role] === 'string')
            represents.set(l[role] as string, [...(represents.get(l[role] as string) ?? []), String(l.usci)]);
      }
    }
    assert.equal(subjects.length, SUBJECTS);
    const all = [...rb.recordTypes.values()];
    const types = {
      person: all.filter((x) => x.subjects.includes('person')),
      organization: all.filter((x) => x.subjects.includes('organization')),
    };
    // each worker draws PER_WORKER keys from the universe, with repeats across (and within) workers
    const submitted = new Map<number, number[]>(); // key → workers that sent it, once a line
    const files: string[][] = [];
    for (let w = 0; w < WORKERS; w++) {
      const rnd = prng(1000 + w);
      const lines: string[] = [];
      for (let j = 0; j < PER_WORKER; j++) {
        const k = Math.floor(rnd() * UNIVERSE);
        submitted.set(k, [...(submitted.get(k) ?? []), w]);
        lines.push(JSON.stringify(recordLine(k, w, subjects, types, represents)));
      }
      const mine: string[] = [];
      for (let i = 0; i < lines.length; i += PER_FILE) {
        const file = join(dir, `worker-${w}-${String(mine.length).padStart(3, '0')}.ndjson`);
        const head = i === 0 ? subjectLines.map((l) => JSON.stringify(l)) : [];
        writeFileSync(file, `${[...head, ...lines.slice(i, i + PER_FILE)].join('\n')}\n`);
        mine.push(file);
      }
      files.push(mine);
    }
    const unique = submitted.size;

    const t0 = performance.now();
    const runs = await Promise.all(files.map((f) => importProcess(f, url)));
    const wall = performance.now() - t0;
    const totals = { lines: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
    for (const [w, run] of runs.entries()) {
      assert.ok(run.code === 0 || run.code === 1, `worker ${w} exited ${run.code}:\n${run.out}`);
      const summaries = [
        ...run.out.matchAll(/(\d+) lines — (\d+) created, (\d+) updated, (\d+) unchanged, (\d+) rejected/g),
      ];
      assert.equal(summaries.length, files[w]!.length, `worker ${w} did not finish every file:\n${run.out}`);
      for (const m of summaries) {
        totals.lines += Number(m[1]);
        totals.created += Number(m[2]);
        totals.updated += Number(m[3]);
        totals.unchanged += Number(m[4]);
        totals.rejected += Number(m[5]);
      }
    }
    t.diagnostic(
      `${WORKERS} × ${PER_WORKER} records (${unique} distinct keys, ${subjectLines.length} subject and source lines each, files of ${PER_FILE}): ` +
        `wall ${(wall / 1000).toFixed(1)} s, workers ${runs.map((x) => (x.ms / 1000).toFixed(1)).join(' / ')} s, ` +
        `${Math.round((WORKERS * PER_WORKER) / (wall / 1000))} submitted records/s`,
    );

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      // nothing lost, nothing duplicated
      const count = (await db.query('select count(*)::int as n from records')).rows[0].n;
      assert.equal(count, unique, 'the ledger holds exactly the distinct records');
      const dups = await db.query(
        'select source, record_id, count(*)::int as n from records group by 1, 2 having count(*) > 1 limit 5',
      );
      assert.deepEqual(dups.rows, [], 'no (source, record_id) is stored twice');
      const gaps = await db.query(
        'select subject_id from records group by subject_id having max(seq) <> count(*) or min(seq) <> 1 limit 5',
      );
      assert.deepEqual(gaps.rows, [], 'each subject’s ledger is numbered 1..n without gaps or repeats');
      const subjectCount = (await db.query('select count(*)::int as n from subjects')).rows[0].n;
      assert.equal(subjectCount, SUBJECTS, 'every subject registered once, whichever worker won the race');

      // every line accounted for: created once, unchanged on repeats, 409 for the losers of a contested key
      const stored = new Map<string, { amount: number | null; subject_id: number; type: string }>();
      for (const row of (await db.query('select record_id, amount, subject_id, type from records')).rows)
        stored.set(row.record_id, row);
      let expectedRejected = 0;
      for (const [k, ws] of submitted) {
        const row = stored.get(`K-${String(k).padStart(8, '0')}`);
        assert.ok(row, `record ${k} was lost`);
        if (k % CONTESTED === 0) {
          const winner = Number(row.amount) - 1000;
          assert.ok(
            ws.includes(winner),
            `contested record ${k} holds the content of a worker that never sent it`,
          );
          expectedRejected += ws.filter((w) => w !== winner).length;
        }
      }
      const registrations = subjectLines.length;
      assert.equal(totals.lines, WORKERS * (PER_WORKER + registrations));
      assert.equal(
        totals.created,
        unique + registrations,
        'each record and subject was created exactly once',
      );
      assert.equal(totals.rejected, expectedRejected, 'only the losers of contested keys were refused');
      for (const f of files.flat()) {
        let rejects: string[] = [];
        try {
          rejects = readFileSync(`${f}.rejects.ndjson`, 'utf8').trim().split('\n');
        } catch {}
        for (const l of rejects) assert.equal(JSON.parse(l).code, 'record.duplicate_conflict', l);
      }

      // every derived row equals a recomputation from the ledger, read in one snapshot
      const ids = (await db.query('select id from subjects order by id')).rows.map((x) => Number(x.id));
      const derived = new Map(
        (await db.query('select * from derived')).rows.map((x) => [Number(x.subject_id), x]),
      );
      const decided = new Map<number, Set<string>>();
      for (const x of (await db.query('select subject_id, id from decisions')).rows)
        decided.set(Number(x.subject_id), (decided.get(Number(x.subject_id)) ?? new Set()).add(x.id));
      const now = r.ctx.clock.now();
      let compared = 0;
      await r.ctx.store.transaction(async (tx) => {
        for (let i = 0; i < ids.length; i += 250) {
          const chunk = ids.slice(i, i + 250);
          const files = await loadFiles(tx, versions, chunk);
          for (const id of chunk) {
            const d = derive(new Timeline(files.files.get(id)!, versions), now);
            const row = derived.get(id);
            assert.ok(row, `subject ${id} has no derived row`);
            assert.deepEqual(
              {
                score: row.score,
                grade: row.grade,
                next_change_at: row.next_change_at === null ? null : Number(row.next_change_at),
                rulebook_hash: row.rulebook_hash,
                state: row.state,
              },
              {
                score: d.summary.score,
                grade: d.summary.grade,
                next_change_at: d.summary.nextChangeAt,
                rulebook_hash: d.summary.rulebook.hash,
                state: encodeState(
                  {
                    entries: d.entries,
                    spans: d.spans,
                    ledger: ledgerInputs(files, id).marks,
                  },
                  versions.byHash,
                ),
              },
              `subject ${id}: stored derived state differs from a recomputation`,
            );
            for (const dr of decisionRows(id, d.entries, now, versions.byHash))
              assert.ok(decided.get(id)?.has(dr.id), `subject ${id}: decision ${dr.id} was never recorded`);
            compared++;
          }
        }
      });
      assert.equal(compared, SUBJECTS);

      // adverse records each got their notice once; the audit chain has no fork or gap
      const adverseTypes = [...rb.recordTypes.values()].filter((x) => x.points < 0).map((x) => x.name);
      const adverse = [...stored.values()].filter((x) => adverseTypes.includes(x.type)).length;
      const notices = (await db.query("select count(*)::int as n from notices where kind = 'record.adverse'"))
        .rows[0].n;
      assert.equal(notices, adverse, 'one notice for every adverse record');
      const chain = await verifyAudit(r.ctx.store);
      assert.equal(chain.ok, true, JSON.stringify(chain.broken));
      const ingests = (await db.query("select count(*)::int as n from audit where action = 'records.ingest'"))
        .rows[0].n;
      t.diagnostic(
        `verified: ${count} records, ${compared} derived states, ${notices} adverse notices, audit chain of ${chain.entries} entries (${ingests} ingest batches), ${totals.rejected} conflicts refused`,
      );
    } finally {
      await db.end();
    }
  } finally {
    await r.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
