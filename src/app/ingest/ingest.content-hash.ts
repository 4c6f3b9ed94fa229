import { canonicalJson, sha256 } from '../ports/ports.context.ts';
import type { RecordRow } from '../ports/ports.store.ts';

/**
 * The content hash of a record: what it says, not when or by which process it was stored. Ingest uses it for
 * idempotency ((source, id) with the same hash is the same record); replay recomputes it from the stored row to
 * detect a record altered after the decisions that used it.
 */
export function recordContentHash(
  r: Pick<
    RecordRow,
    | 'subject_id'
    | 'type'
    | 'occurred_at'
    | 'legal_basis'
    | 'evidence'
    | 'amount'
    | 'on_behalf_of'
    | 'culpability'
    | 'note'
  >,
): string {
  return sha256(
    canonicalJson({
      subject: Number(r.subject_id),
      type: r.type,
      occurred_at: Number(r.occurred_at),
      legal_basis: r.legal_basis,
      evidence: JSON.parse(r.evidence) as string[],
      amount: r.amount === null ? null : Number(r.amount),
      on_behalf_of: r.on_behalf_of === null ? null : Number(r.on_behalf_of),
      culpability: r.culpability,
      note: r.note,
    }),
  );
}
