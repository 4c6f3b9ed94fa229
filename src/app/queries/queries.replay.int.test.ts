// Replayable decisions: list decisions and checks recomputed from the inputs they recorded.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import YAML from 'yaml';
import { DAY, formatDate, parseInstant } from '../../domain/time.ts';
import { derive } from '../../rules/explain.ts';
import { Timeline } from '../../rules/scorer.ts';
import { loadFiles } from '../derive/derive.files.ts';
import { encodeState } from '../derive/derive.state.ts';
import { ledgerInputs } from '../derive/derive.usecases.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import { recordContentHash } from '../ingest/ingest.content-hash.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { purge } from '../maintenance/maintenance.purge.ts';
import { ORGS, rec, subjects } from '../testing/governance.fixtures.ts';
import { testRegistry } from '../testing/test-registry.ts';
import { exportFile } from './queries.export.ts';
import { replay } from './queries.replay.ts';
import { checkMeasure } from './queries.usecases.ts';

test('replay: a list decision and a check recompute to the same answer; an altered record is a mismatch; a purged one is said so', async () => {
  const r = await testRegistry('2026-06-01');
  try {
    await new Ingestor(r.ctx).apply([
      ...subjects,
      rec('C1', ORGS[0]!, 'court.judgment_default', '2026-03-01'),
      rec('T1', ORGS[0]!, 'tax.late_payment', '2026-04-01'),
    ]);
    r.clock.advance(11 * DAY); // the judgment's 10-day notice runs from when the registry recorded it
    const file = await exportFile(r.ctx, ORGS[0]!);
    const entry = file.decisions.find((d) => d.event === 'entry')!;
    assert.equal((await replay(r.ctx, entry.id)).status, 'match');
    const chk = await checkMeasure(r.ctx, ORGS[0]!, 'procurement.exclusion');
    assert.equal((await replay(r.ctx, chk.id)).status, 'match');
    const db = new Database(r.location.db!);
    db.prepare("update records set occurred_at = occurred_at - 86400000 where record_id = 'T1'").run();
    db.close();
    const altered = await replay(r.ctx, entry.id);
    assert.equal(altered.status, 'mismatch');
    assert.match(altered.detail, /T1/);
    r.clock.set(parseInstant('2030-01-01')!);
    await purge(r.ctx);
    assert.equal((await replay(r.ctx, entry.id)).status, 'inputs_purged');
  } finally {
    await r.dispose();
  }
});

/** The default rulebook with a points-based warning list, so that a condition decision can be taken. */
function withConditionList(): string {
  const doc = YAML.parse(readFileSync('rulebooks/default.yaml', 'utf8'));
  doc.lists.low_score = {
    kind: 'warning',
    title: 'Low score watch',
    legal_basis: 'Measures for the Administration of Tax Credit Information (2014), art. 14',
    enter_when: 'score < 850',
    notice: 'P10D',
    hold: 'P30D',
    max: 'P1Y',
  };
  const file = join(mkdtempSync(join(tmpdir(), 'credence-replay-')), 'condition.yaml');
  writeFileSync(file, YAML.stringify(doc));
  return file;
}

test('a condition decision replays from the records it saw, not from records recorded later in the same instant', async () => {
  // the registry's clock stands still: every batch below is recorded at the same millisecond
  const r = await testRegistry('2026-11-01', withConditionList());
  try {
    await new Ingestor(r.ctx).apply(subjects);
    const types = [
      'tax.evasion',
      'tax.evasion',
      'court.judgment_default',
      'tax.evasion',
      'court.judgment_default',
    ];
    for (const [i, t] of types.entries())
      assert.ok((await new Ingestor(r.ctx).apply([rec(`R${i}`, ORGS[1]!, t, '2025-01-01')]))[0]?.ok);
    const decisions = (await exportFile(r.ctx, ORGS[1]!)).decisions;
    const condition = decisions.find((d) => d.entry.grounds.kind === 'condition');
    assert.ok(condition, 'the falling score put the subject on a condition list');
    const results = await Promise.all(decisions.map((d) => replay(r.ctx, d.id)));
    for (const [i, rp] of results.entries())
      assert.equal(rp.status, 'match', `${decisions[i]!.id}: ${rp.detail}`);
    const seen = results.find((x) => x.id === condition.id)!;
    assert.ok(
      seen.inputs.records < types.length,
      'the condition was decided before the last records arrived',
    );
  } finally {
    await r.dispose();
  }
});

test('a check replays from the ledger it was answered from, not from records stored later in the same instant', async () => {
  // the registry's clock stands still: the check and the record after it carry the same time
  const r = await testRegistry('2026-06-01');
  try {
    await new Ingestor(r.ctx).apply(subjects);
    const before = await checkMeasure(r.ctx, ORGS[2]!, 'procurement.exclusion');
    assert.equal(before.applies, false);
    await new Ingestor(r.ctx).apply([rec('C9', ORGS[2]!, 'court.judgment_default', '2026-03-01')]);
    // asked for a day after the notice the registry gave on recording the judgment
    const after = await checkMeasure(r.ctx, ORGS[2]!, 'procurement.exclusion', r.clock.now() + 11 * DAY);
    assert.equal(after.applies, true, 'the record changes the answer');
    const first = await replay(r.ctx, before.id);
    assert.equal(first.status, 'match', first.detail);
    assert.equal(first.inputs.records, 0);
    assert.deepEqual(first.inputs.record_ids, []);
    const second = await replay(r.ctx, after.id);
    assert.equal(second.status, 'match');
    assert.deepEqual(
      second.inputs.record_ids.map((x) => x.record),
      ['court/C9'],
    );
  } finally {
    await r.dispose();
  }
});

test("an agent's records reach an organization's inputs only when made on its behalf", async () => {
  const r = await testRegistry('2026-06-01');
  try {
    const PERSON = '110101199003074514';
    const agentRec = (id: string, extra: Record<string, unknown>) => ({
      ...rec(id, PERSON, 'tax.evasion', '2026-02-01'),
      ...extra,
    });
    await new Ingestor(r.ctx).apply([
      ...subjects,
      { kind: 'person', national_id: PERSON, name: 'Zhang Wei' },
      agentRec('A1', { on_behalf_of: ORGS[3], culpability: 'knowledge' }),
    ]);
    const org = Number((await r.ctx.store.transaction((tx) => tx.subjectsByUsci([ORGS[3]!])))[0]!.id);
    const chk = await checkMeasure(r.ctx, ORGS[3]!, 'procurement.exclusion');
    // the agent's own affairs do not touch the organization: its stored state stays a faithful recomputation
    await new Ingestor(r.ctx).apply([agentRec('A2', {})]);
    const [stored] = await r.ctx.store.derivedOf([org]);
    const versions = await r.ctx.store.transaction((tx) => activeRulebooks(tx));
    const again = await r.ctx.store.transaction(async (tx) => {
      const files = await loadFiles(tx, versions, [org]);
      const d = derive(new Timeline(files.files.get(org)!, versions), r.clock.now());
      return encodeState(
        { entries: d.entries, spans: d.spans, ledger: ledgerInputs(files, org).marks },
        versions.byHash,
      );
    });
    assert.equal(stored?.state, again);
    const rp = await replay(r.ctx, chk.id);
    assert.equal(rp.status, 'match', rp.detail);
    assert.deepEqual(
      rp.inputs.record_ids.map((x) => x.record),
      ['tax-bureau/A1'],
    );
  } finally {
    await r.dispose();
  }
});

test('a decision records what it saw in a size that does not grow with the file; a record rewritten with a fresh hash is still caught', async () => {
  const r = await testRegistry('2026-06-01');
  try {
    const sizeFor = async (subject: string) => {
      const file = await exportFile(r.ctx, subject);
      const d = file.decisions.find((x) => x.event === 'entry')!;
      const row = (await r.ctx.store.transaction((tx) => tx.decisionById(d.id)))!;
      return { id: d.id, bytes: JSON.stringify(JSON.parse(row.data).inputs).length };
    };
    const lateOnes = (org: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        rec(`L-${org}-${i}`, org, 'tax.late_payment', formatDate(parseInstant('2025-06-01')! + i * DAY)),
      );
    await new Ingestor(r.ctx).apply([
      ...subjects,
      rec('C1', ORGS[0]!, 'court.judgment_default', '2026-03-01'),
      rec('C2', ORGS[1]!, 'court.judgment_default', '2026-03-01'),
      ...lateOnes(ORGS[1]!, 200),
    ]);
    r.clock.advance(11 * DAY); // past the judgments' notice, which runs from when they were recorded
    const small = await sizeFor(ORGS[0]!);
    const large = await sizeFor(ORGS[1]!);
    assert.ok(
      large.bytes < small.bytes + 20,
      `201 records take ${large.bytes} bytes, 1 record ${small.bytes}`,
    );
    assert.equal((await replay(r.ctx, large.id)).status, 'match');
    const named = (await replay(r.ctx, large.id)).inputs;
    assert.equal(named.records, 201);
    assert.equal(named.record_ids.length, 201, 'the replay names every input record');
    assert.match(named.record_ids.find((x) => x.record === 'court/C2')?.content_hash ?? '', /^[0-9a-f]{64}$/);

    // rewrite a record and its stored hash together: the record is consistent with itself, not with the decision
    const db = new Database(r.location.db!);
    const row = db.prepare("select * from records where record_id = 'C2'").get() as Record<string, unknown>;
    const moved = { ...row, occurred_at: Number(row.occurred_at) - DAY };
    db.prepare("update records set occurred_at = ?, content_hash = ? where record_id = 'C2'").run(
      moved.occurred_at,
      recordContentHash(moved as unknown as Parameters<typeof recordContentHash>[0]),
    );
    db.close();
    const altered = await replay(r.ctx, large.id);
    assert.equal(altered.status, 'mismatch');
    assert.match(altered.detail, /digest/);
  } finally {
    await r.dispose();
  }
});

test('a decision stored with the earlier format of its inputs (every record listed) still replays', async () => {
  const r = await testRegistry('2026-06-01');
  try {
    await new Ingestor(r.ctx).apply([
      ...subjects,
      rec('C1', ORGS[0]!, 'court.judgment_default', '2026-03-01'),
    ]);
    r.clock.advance(11 * DAY); // past the judgment's notice, which runs from when it was recorded
    const d = (await exportFile(r.ctx, ORGS[0]!)).decisions.find((x) => x.event === 'entry')!;
    const db = new Database(r.location.db!);
    const stored = db.prepare('select data from decisions where id = ?').get(d.id) as { data: string };
    const data = JSON.parse(stored.data);
    const recs = db.prepare('select subject_id, source, record_id, content_hash from records').all() as {
      subject_id: number;
      source: string;
      record_id: string;
      content_hash: string;
    }[];
    data.inputs = {
      rulebooks: data.inputs.rulebooks,
      records: recs.map((x) => ({
        key: `${x.source}/${x.record_id}`,
        subject: x.subject_id,
        content_hash: x.content_hash,
      })),
      at: data.inputs.at,
    };
    db.prepare('update decisions set data = ? where id = ?').run(JSON.stringify(data), d.id);
    assert.equal((await replay(r.ctx, d.id)).status, 'match');
    db.prepare("update records set content_hash = 'x' where record_id = 'C1'").run();
    db.close();
    const old = await replay(r.ctx, d.id);
    assert.equal(old.status, 'mismatch', 'the earlier format still catches a changed record');
    assert.match(old.detail, /C1/);
  } finally {
    await r.dispose();
  }
});

test('property: every list decision and every check of a random ledger replays to a match', async () => {
  const types = [
    'court.judgment_default',
    'tax.evasion',
    'tax.late_payment',
    'market.annual_report_not_filed',
  ];
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          org: fc.integer({ min: 0, max: 4 }),
          type: fc.constantFrom(...types),
          day: fc.integer({ min: 0, max: 600 }),
        }),
        { minLength: 1, maxLength: 12 },
      ),
      async (rs) => {
        const r = await testRegistry('2026-11-01');
        const checks: string[] = [];
        try {
          const src = [...subjects, { kind: 'source', id: 'market', name: 'Market', domains: ['market'] }];
          await new Ingestor(r.ctx).apply(src);
          for (const [i, x] of rs.entries()) {
            const line = {
              ...rec(`R${i}`, ORGS[x.org]!, x.type, formatDate(parseInstant('2025-01-01')! + x.day * DAY)),
              ...(x.type.startsWith('market') ? { source: 'market' } : {}),
            };
            const res = await new Ingestor(r.ctx).apply([line]);
            assert.ok(res[0]?.ok, JSON.stringify(res[0]));
            checks.push((await checkMeasure(r.ctx, ORGS[x.org]!, 'procurement.exclusion')).id);
          }
          for (const id of checks) {
            const rp = await replay(r.ctx, id);
            assert.equal(rp.status, 'match', `${id}: ${rp.detail}`);
          }
          for (const u of ORGS) {
            for (const d of (await exportFile(r.ctx, u)).decisions) {
              const rp = await replay(r.ctx, d.id);
              assert.equal(rp.status, 'match', `${d.id}: ${rp.detail}`);
            }
          }
        } finally {
          await r.dispose();
        }
      },
    ),
    { numRuns: 8 },
  );
});
