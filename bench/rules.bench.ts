/**
 * The compiled default rulebook scoring records in memory: a Timeline per subject over a synthetic file
 * (default 50 records × 2,000 organizations) and `scoreAt(NOW)`, beside json-rules-engine evaluating the
 * equivalent rules on the same records: one rule per record type (type → points), the rulebook's five
 * `rules` rewritten as json-rules-engine conditions (history.count as a dynamic fact computed with the same
 * window arithmetic), and the same "still counts at NOW" filter. Both totals are checked to agree.
 *
 *   npx tsx bench/rules.bench.ts [--subjects 2000] [--per 50] [--reps 3]
 */

import { readFileSync } from 'node:fs';
import { Engine, type RuleProperties } from 'json-rules-engine';
import { addDuration } from '../src/domain/duration.ts';
import { parseInstant } from '../src/domain/time.ts';
import { typeMatches, windowOf } from '../src/rules/history.ts';
import type { LedgerRecord, SubjectFile } from '../src/rules/ledger.model.ts';
import { loadRulebook } from '../src/rules/rulebook.loader.ts';
import { Timeline } from '../src/rules/scorer.ts';
import { RulebookSet } from '../src/rules/versions.ts';
import { arg, fmt, machine, median, NOW, ratio, recordLines, report } from './_util.ts';

const SUBJECTS = arg('subjects', 2000, 200);
const PER = arg('per', 50);
const REPS = arg('reps', 3);

const loaded = loadRulebook(readFileSync('rulebooks/default.yaml', 'utf8'), { hash: 'bench' });
if (!loaded.value) throw new Error('default rulebook does not load');
const rb = loaded.value;
const set = new RulebookSet([rb]);

// ── the same synthetic files for both ───────────────────────────────────────────────────────────
const files: SubjectFile[] = [];
for (let s = 0; s < SUBJECTS; s++) {
  const ref = `ORG${s}`;
  const records: LedgerRecord[] = [];
  for (const l of recordLines(rb, [{ ref, kind: 'organization' }], PER, 1000 + s, `R${s}`)) {
    records.push({
      key: `${l.source}/${l.id}`,
      id: String(l.id),
      source: String(l.source),
      type: String(l.type),
      occurredAt: parseInstant(String(l.occurred_at))!,
      ...(typeof l.amount === 'number' ? { amount: l.amount } : {}),
      legalBasis: String(l.legal_basis),
      suspended: [],
    });
  }
  files.push({
    subject: { ref, kind: 'organization', facts: { kind: 'organization', sector: '', region: '' } },
    records,
    branches: [],
    agents: [],
  });
}
const total = SUBJECTS * PER;

// ── json-rules-engine: the default rulebook's record types and rules ───────────────────────────
const EXPECTED = [
  'repeat-tax-late-payment',
  'large-tax-evasion',
  'repeat-emissions-exceedance',
  'volunteering-cap',
  'donation-cap',
];
if (rb.rules.map((r) => r.id).join() !== EXPECTED.join())
  throw new Error(
    `the default rulebook's rules changed (${rb.rules.map((r) => r.id).join()}); update the rewrite`,
  );
const pts = (id: string) => rb.rules.find((r) => r.id === id)!.points;
const hist = (pattern: string, window: string, op: string, value: number) => ({
  fact: 'history_count',
  params: { pattern, window },
  operator: op,
  value,
});
const typeIs = (t: string) => ({ fact: 'type', operator: 'equal', value: t });
const jreRules: RuleProperties[] = [
  ...[...rb.recordTypes.values()]
    .filter((t) => t.subjects.includes('organization'))
    .map((t) => ({
      name: t.name,
      conditions: { all: [typeIs(t.name)] },
      event: { type: 'points', params: { points: t.points } },
    })),
  {
    name: 'repeat-tax-late-payment',
    conditions: {
      all: [typeIs('tax.late_payment'), hist('tax.late_payment', 'P1Y', 'greaterThanInclusive', 2)],
    },
    event: { type: 'points', params: { points: pts('repeat-tax-late-payment') } },
  },
  {
    name: 'large-tax-evasion',
    conditions: {
      all: [
        typeIs('tax.evasion'),
        { fact: 'has_amount', operator: 'equal', value: true },
        { fact: 'amount', operator: 'greaterThanInclusive', value: 1_000_000 },
      ],
    },
    event: { type: 'points', params: { points: pts('large-tax-evasion') } },
  },
  {
    name: 'repeat-emissions-exceedance',
    conditions: {
      all: [
        typeIs('environment.emissions_exceedance'),
        hist('environment.emissions_exceedance', 'P1Y', 'greaterThanInclusive', 1),
      ],
    },
    event: { type: 'points', params: { points: pts('repeat-emissions-exceedance') } },
  },
  {
    name: 'volunteering-cap',
    conditions: {
      all: [
        typeIs('community.volunteering'),
        hist('community.volunteering', 'P1Y', 'greaterThanInclusive', 4),
      ],
    },
    event: { type: 'points', params: { points: pts('volunteering-cap') } },
  },
  {
    name: 'donation-cap',
    conditions: {
      all: [
        typeIs('community.charitable_donation'),
        hist('community.charitable_donation', 'P1Y', 'greaterThanInclusive', 1),
      ],
    },
    event: { type: 'points', params: { points: pts('donation-cap') } },
  },
];
const engine = new Engine(jreRules, { allowUndefinedFacts: true });
engine.addFact('history_count', async (p, almanac) => {
  const params = p as { pattern: string; window: string };
  const history = (await almanac.factValue('history')) as readonly LedgerRecord[];
  const key = (await almanac.factValue('key')) as string;
  const end = (await almanac.factValue('occurred_at')) as number;
  const start = addDuration(end, windowOf(params.window), -1);
  let n = 0;
  for (const o of history) {
    if (o.key === key || o.occurredAt < start || o.occurredAt >= end) continue;
    if (typeMatches(params.pattern, o.type)) n++;
  }
  return n;
});

async function jreScore(f: SubjectFile): Promise<number> {
  let raw = 0;
  for (const rec of f.records) {
    if (rec.occurredAt > NOW) continue;
    const t = rb.recordTypes.get(rec.type)!;
    if (NOW >= addDuration(rec.occurredAt, t.countsFor)) continue;
    const { events } = await engine.run({
      type: rec.type,
      amount: rec.amount ?? 0,
      has_amount: rec.amount !== undefined,
      key: rec.key,
      occurred_at: rec.occurredAt,
      history: f.records,
    });
    for (const e of events) raw += (e.params as { points: number }).points;
  }
  // unclamped, so the check below compares raw points (50 records mostly clamp at the floor)
  return rb.scale.base + Math.round(raw);
}

console.log(
  `rules.bench: ${fmt(SUBJECTS)} organizations × ${PER} records = ${fmt(total)} records, ${REPS} rep(s); ${machine()}`,
);
const ours: number[] = [];
const theirs: number[] = [];
for (let rep = 0; rep < REPS; rep++) {
  let sumOurs = 0;
  const t0 = performance.now();
  for (const f of files) sumOurs += new Timeline(f, set).scoreAt(NOW).unclamped;
  const a = performance.now() - t0;
  let sumJre = 0;
  const t1 = performance.now();
  for (const f of files) sumJre += await jreScore(f);
  const b = performance.now() - t1;
  if (sumOurs !== sumJre) throw new Error(`the two disagree: Σ unclamped scores ${sumOurs} vs ${sumJre}`);
  ours.push((total / a) * 1000);
  theirs.push((total / b) * 1000);
  console.log(
    `  rep ${rep + 1}: Timeline ${fmt(ours[rep]!)} records/s (${fmt(a, 0)} ms); json-rules-engine ${fmt(theirs[rep]!)} records/s (${fmt(b, 0)} ms); Σ unclamped scores agree (${sumOurs})`,
  );
}
const o = median(ours);
const j = median(theirs);
console.log(`\ncompiled rulebook (Timeline.scoreAt): ${fmt(o)} records/s (median of ${REPS})`);
console.log(`json-rules-engine, same rules:        ${fmt(j)} records/s (median of ${REPS})`);
console.log(`ratio compiled / json-rules-engine:   ${ratio(o, j)}`);
report({
  id: 'rules.compiled',
  title: `compiled default rulebook scoring records in memory (${fmt(total)} records)`,
  value: o,
  unit: 'records/s',
  baseline: { title: 'json-rules-engine 7.3.1, same rules', value: j, unit: 'records/s' },
  target: { text: '≥ 100×', op: '>=', value: 100, of: 'ratio' },
  runs: REPS,
});
