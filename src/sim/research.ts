import { loadFiles } from '../app/derive/derive.files.ts';
import { activeRulebooks } from '../app/governance/governance.rulebooks.ts';
import { type ImportSummary, importLines } from '../app/ingest/ingest.file.ts';
import { rebuildAll } from '../app/maintenance/maintenance.tick.ts';
import { subjectBatches } from '../app/ports/ports.batches.ts';
import type { AppContext } from '../app/ports/ports.context.ts';
import { addDuration, parseDuration } from '../domain/duration.ts';
import { CredenceError } from '../domain/errors.ts';
import { type Behaviour, simulateBehaviour } from './behaviour.ts';
import { type Dynamics, emptyDynamics, finish, measure } from './dynamics.ts';
import { simulatePopulation } from './population.ts';

export interface ResearchOptions extends Behaviour {
  readonly subjects: number;
  readonly seed: number;
  readonly years: number;
  readonly offenceRates?: Readonly<Record<string, number>>;
  readonly onProgress?: (stage: string, done: number, total: number) => void;
}

export interface ResearchResult {
  readonly imported: ImportSummary;
  readonly behaviour: { objections: number; annulled: number; repaired: number };
  readonly dynamics: Dynamics;
  readonly from: number;
  readonly to: number;
}

/**
 * A synthetic population lived through `years`: records at the given offence rates, objections and repairs at the
 * given rates, then the dynamics the critics worry about, measured quarter by quarter. Deterministic per seed.
 */
export async function simulateResearch(ctx: AppContext, o: ResearchOptions): Promise<ResearchResult> {
  for (const [k, v] of [
    ['objection rate', o.objectionRate],
    ['objection success', o.objectionSuccess],
    ['repair uptake', o.repairUptake],
  ] as const) {
    if (!(v >= 0 && v <= 1))
      throw new CredenceError('usage.invalid_rate', `${k} must be between 0 and 1, got ${v}`);
  }
  if (!(o.years >= 1 && o.years <= 30))
    throw new CredenceError('usage.invalid_years', `--years must be between 1 and 30, got ${o.years}`);
  const versions = await ctx.store.transaction((tx) => activeRulebooks(tx));
  const to = ctx.clock.now();
  const from = addDuration(to, parseDuration(`P${o.years}Y`).value!, -1);
  const rb = versions.at(to);
  const existing = new Set<number>();
  for await (const ids of subjectBatches(ctx.store, 10_000)) for (const id of ids) existing.add(id);
  async function* lines() {
    let n = 0;
    for (const l of simulatePopulation(rb, {
      subjects: o.subjects,
      seed: o.seed,
      now: to,
      years: o.years,
      ...(o.offenceRates ? { offenceRates: o.offenceRates } : {}),
    })) {
      yield { n: ++n, value: l, raw: '' };
    }
  }
  const imported = await importLines(
    ctx,
    lines(),
    () => {},
    (s) => o.onProgress?.('records', s.lines, 0),
    5000,
    () => {},
    { reportedOnTime: true },
  );
  // the new subjects: simulate how they responded to what happened to them
  const fresh: number[] = [];
  for await (const ids of subjectBatches(ctx.store, 10_000))
    for (const id of ids) if (!existing.has(id)) fresh.push(id);
  const behaviour = { objections: 0, annulled: 0, repaired: 0 };
  for (let i = 0; i < fresh.length; i += 1000) {
    const batch = fresh.slice(i, i + 1000);
    const r = await ctx.store.transaction((tx) => simulateBehaviour(tx, versions, batch, o, o.seed + i, to));
    behaviour.objections += r.objections;
    behaviour.annulled += r.annulled;
    behaviour.repaired += r.repaired;
  }
  await rebuildAll(ctx, {
    full: true,
    onProgress: (done) => o.onProgress?.('projection', done, fresh.length),
  });
  const dynamics = emptyDynamics(from, to);
  for (let i = 0; i < fresh.length; i += 1000) {
    const batch = fresh.slice(i, i + 1000);
    const { files } = await ctx.store.transaction((tx) => loadFiles(tx, versions, batch));
    measure(dynamics, files.values(), versions, from, to);
    o.onProgress?.('dynamics', Math.min(fresh.length, i + 1000), fresh.length);
  }
  return { imported, behaviour, dynamics: finish(dynamics), from, to };
}
