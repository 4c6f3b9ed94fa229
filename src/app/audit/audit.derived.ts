import { derive } from '../../rules/explain.ts';
import { Timeline } from '../../rules/scorer.ts';
import type { RulebookOf } from '../../rules/versions.ts';
import { loadFiles, refOf } from '../derive/derive.files.ts';
import { decodeState, encodeState, type StoredState } from '../derive/derive.state.ts';
import { ledgerInputs } from '../derive/derive.usecases.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import { subjectBatches } from '../ports/ports.batches.ts';
import { type AppContext, canonicalJson } from '../ports/ports.context.ts';
import type { DerivedRow } from '../ports/ports.store.ts';
import type { Finding } from './audit.verify.ts';

const BATCH = 500;

export interface DerivedReport {
  /** Subjects whose stored state was compared with a recomputation. */
  readonly compared: number;
  /** Subjects whose stored state is due for recomputation anyway (the next read or tick derives it first). */
  readonly due: number;
  readonly findings: readonly Finding[];
}

const show = (v: unknown) => (v === null ? 'none' : String(v));

/**
 * Every subject's stored derived state against a recomputation from the ledger, without writing anything: the
 * state is derived as of the moment it was stored (`computed_at`) and must be the same, field by field. A state
 * that is due, or was derived under a rulebook no longer in force, is refreshed before any use and is not compared.
 */
export async function verifyDerived(ctx: AppContext): Promise<DerivedReport> {
  const now = ctx.clock.now();
  const versions = await ctx.store.transaction((tx) => activeRulebooks(tx));
  const inForce = versions.at(now).hash;
  const findings: Finding[] = [];
  let compared = 0;
  let due = 0;
  for await (const ids of subjectBatches(ctx.store, BATCH)) {
    await ctx.store.transaction(async (tx) => {
      const stored = new Map((await tx.derivedOf(ids)).map((r) => [Number(r.subject_id), r]));
      const live = ids.filter((id) => {
        const r = stored.get(id);
        const fresh =
          r !== undefined &&
          (r.next_change_at === null || Number(r.next_change_at) > now) &&
          r.rulebook_hash === inForce;
        if (!fresh) due++;
        return fresh;
      });
      if (live.length === 0) return;
      const loaded = await loadFiles(tx, versions, live);
      for (const id of live) {
        const row = stored.get(id)!;
        const file = loaded.files.get(id);
        const subject = loaded.subjects.get(id);
        if (!file || !subject) continue;
        compared++;
        const d = derive(new Timeline(file, versions), Number(row.computed_at));
        const state: StoredState = {
          entries: d.entries,
          spans: d.spans,
          ledger: ledgerInputs(loaded, id).marks,
        };
        const expected: Omit<DerivedRow, 'subject_id' | 'computed_at'> = {
          score: d.summary.score,
          grade: d.summary.grade,
          next_change_at: d.summary.nextChangeAt,
          rulebook_hash: d.summary.rulebook.hash,
          state: encodeState(state, versions.byHash),
        };
        const differs: string[] = [];
        for (const k of ['score', 'grade', 'next_change_at', 'rulebook_hash'] as const) {
          const a =
            row[k] === null ? null : k === 'score' || k === 'next_change_at' ? Number(row[k]) : row[k];
          if (a !== expected[k]) differs.push(`${k} stored ${show(a)}, recomputed ${show(expected[k])}`);
        }
        if (sameState(row.state, expected.state, versions.byHash) === false)
          differs.push('list entries or measures differ from the recomputation');
        if (differs.length > 0)
          findings.push({
            kind: 'derived',
            table: 'derived',
            key: refOf(subject),
            message: `derived state of ${refOf(subject)} differs from the ledger: ${differs.join('; ')}`,
          });
      }
    });
  }
  return { compared, due, findings };
}

/**
 * The stored state against the recomputed one, as read (whole entries, whatever form either was written in),
 * regardless of key order.
 */
function sameState(stored: string, expected: string, rulebookOf: RulebookOf): boolean {
  if (stored === expected) return true;
  try {
    return (
      canonicalJson(decodeState(stored, rulebookOf)) === canonicalJson(decodeState(expected, rulebookOf))
    );
  } catch {
    return false;
  }
}
