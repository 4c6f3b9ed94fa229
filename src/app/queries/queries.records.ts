// A record as stored, as its submission is answered: DESIGN §8, resubmitting the same record returns the original.
import { formatInstant } from '../../domain/time.ts';
import { refOf } from '../derive/derive.files.ts';
import type { AppContext } from '../ports/ports.context.ts';

export interface StoredRecordView {
  readonly source: string;
  readonly id: string;
  /** The USCI of an organization, the registry reference `P…` of a person. */
  readonly subject: string;
  readonly type: string;
  readonly occurred_at: string;
  readonly recorded_at: string;
  readonly legal_basis: string;
  readonly evidence: string[];
  readonly amount: number | null;
  readonly on_behalf_of: string | null;
  readonly culpability: string | null;
  readonly note: string | null;
  readonly content_hash: string;
}

/** The record `source` stored under `id`, as it was first stored (a later identical submission changes nothing). */
export async function storedRecord(
  ctx: AppContext,
  source: string,
  id: string,
): Promise<StoredRecordView | undefined> {
  return ctx.store.transaction(async (tx) => {
    const [r] = await tx.recordsByKeys([{ source, record_id: id }]);
    if (!r) return undefined;
    const agentOf = r.on_behalf_of === null ? [] : [Number(r.on_behalf_of)];
    const subjects = new Map(
      (await tx.subjectsById([Number(r.subject_id), ...agentOf])).map((s) => [Number(s.id), s]),
    );
    const ref = (n: number) => {
      const s = subjects.get(n);
      return s ? refOf(s) : String(n);
    };
    return {
      source: r.source,
      id: r.record_id,
      subject: ref(Number(r.subject_id)),
      type: r.type,
      occurred_at: formatInstant(Number(r.occurred_at)),
      recorded_at: formatInstant(Number(r.recorded_at)),
      legal_basis: r.legal_basis,
      evidence: JSON.parse(r.evidence) as string[],
      amount: r.amount === null || r.amount === undefined ? null : Number(r.amount),
      on_behalf_of: r.on_behalf_of === null ? null : ref(Number(r.on_behalf_of)),
      culpability: r.culpability ?? null,
      note: r.note ?? null,
      content_hash: r.content_hash,
    };
  });
}
