import type { Tx } from '../app/ports/ports.store.ts';
import { addDuration } from '../domain/duration.ts';
import type { RulebookSet } from '../rules/versions.ts';
import { prng } from './population.ts';

const DAY = 86_400_000;

/** How simulated subjects respond to negative records. */
export interface Behaviour {
  /** Share of negative records the subject objects to. */
  readonly objectionRate: number;
  /** Share of objections a reviewer upholds in the subject's favour (annuls the record). */
  readonly objectionSuccess: number;
  /** Share of repairable records the subject repairs once it may. */
  readonly repairUptake: number;
}

/**
 * Writes the simulated history of objections and repairs as ledger events with their historical dates:
 * an objection 5–25 days after the record, decided 10–40 days later; a repair 0–90 days after it became
 * possible. Research data only: real objections and repairs go through the case workflow with its checks.
 */
export async function simulateBehaviour(
  tx: Tx,
  versions: RulebookSet,
  subjectIds: readonly number[],
  b: Behaviour,
  seed: number,
  now: number,
): Promise<{ objections: number; annulled: number; repaired: number }> {
  const rnd = prng(seed ^ 0x5eed);
  let objections = 0;
  let annulled = 0;
  let repaired = 0;
  const rows = (await tx.recordsOf(subjectIds)).sort(
    (a, b2) => Number(a.subject_id) - Number(b2.subject_id) || a.seq - b2.seq,
  );
  for (const r of rows) {
    const occurred = Number(r.occurred_at);
    const type = versions.at(occurred).recordTypes.get(r.type);
    if (!type || type.points >= 0) continue;
    const base = {
      subject_id: Number(r.subject_id),
      source: r.source,
      record_id: r.record_id,
      actor: 'simulation',
      data: '{}',
    };
    if (rnd() < b.objectionRate) {
      const filed = occurred + Math.floor(5 + rnd() * 20) * DAY;
      const decided = filed + Math.floor(10 + rnd() * 30) * DAY;
      if (filed < now) {
        objections++;
        await tx.insertEvent({ ...base, kind: 'disputed', at: filed, reason: 'simulated objection' });
        if (decided < now) {
          const success = rnd() < b.objectionSuccess;
          await tx.insertEvent({
            ...base,
            kind: success ? 'annulled' : 'upheld',
            at: decided,
            reason: 'simulated review',
          });
          if (success) {
            annulled++;
            continue;
          }
        }
      }
    }
    if (type.repair && rnd() < b.repairUptake) {
      const at = addDuration(occurred, type.repair.after) + Math.floor(rnd() * 90) * DAY;
      if (at < now) {
        repaired++;
        await tx.insertEvent({ ...base, kind: 'repaired', at, reason: 'simulated repair' });
      }
    }
  }
  return { objections, annulled, repaired };
}
