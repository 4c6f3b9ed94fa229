// Credit repair applications: the terms of the record's type, the commitment letter and the required evidence.
import { addDuration } from '../../domain/duration.ts';
import { CredenceError } from '../../domain/errors.ts';
import { formatInstant } from '../../domain/time.ts';
import { REPAIR_MATERIALS } from '../../rules/rulebook.loader.ts';
import { audit } from '../audit/audit.log.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { CaseRow } from '../ports/ports.due-process.ts';
import { findSubject } from '../queries/queries.usecases.ts';
import { caseId, day, type FullTx, type RecordKey, recordOf } from './due-process.case-records.ts';
import { caseNotice, emitNotices } from './due-process.notices.ts';

export interface Letter {
  readonly text: string;
  readonly signed_by: string;
}

export interface EvidenceItem {
  readonly kind: string;
  readonly ref: string;
}

/**
 * A subject applies for credit repair of a record: after its type's repair.after, with a commitment letter and
 * every required material (document references with hashes), unless a repeat offence makes it ineligible.
 */
export async function applyForRepair(
  ctx: AppContext,
  subjectRef: string,
  key: RecordKey,
  letter: Letter,
  evidence: readonly EvidenceItem[],
): Promise<CaseRow> {
  return ctx.store.transaction(async (t) => {
    const tx = t as FullTx;
    const subject = await findSubject(ctx, tx, subjectRef);
    await tx.lockSubjects([Number(subject.id)]);
    const record = await recordOf(tx, subject, key);
    const versions = await activeRulebooks(tx);
    const now = ctx.clock.now();
    const type =
      versions.at(Number(record.occurred_at)).recordTypes.get(record.type) ??
      versions.latest.recordTypes.get(record.type);
    if (!type?.repair)
      throw new CredenceError(
        'repair.not_repairable',
        `records of type ${record.type} cannot be repaired under the rulebook`,
      );
    const from = addDuration(Number(record.occurred_at), type.repair.after);
    if (now < from)
      throw new CredenceError(
        'repair.too_early',
        `${key.source}/${key.id} can be repaired from ${day(from)} (${type.repair.after.text} after it occurred)`,
        { details: { from: formatInstant(from) } },
      );
    if (!letter.text || letter.text.trim().length < 20)
      throw new CredenceError(
        'repair.letter_required',
        'a commitment letter (its full text, at least 20 characters) is required',
      );
    if (!letter.signed_by?.trim())
      throw new CredenceError(
        'repair.letter_unsigned',
        'the commitment letter must be signed by the subject or its legal representative (signed_by)',
      );
    for (const e of evidence) {
      if (!REPAIR_MATERIALS.includes(e.kind))
        throw new CredenceError(
          'repair.unknown_material',
          `unknown material "${e.kind}" (expected one of ${REPAIR_MATERIALS.join(', ')})`,
        );
      if (!/^sha256:[0-9a-f]{64}$/i.test(e.ref))
        throw new CredenceError(
          'repair.invalid_evidence',
          `evidence ${e.kind} must be referenced by its hash: sha256:<64 hex digits>`,
        );
    }
    const provided = new Set(['commitment_letter', ...evidence.map((e) => e.kind)]);
    const missing = type.repair.requires.filter((m) => !provided.has(m));
    if (missing.length > 0)
      throw new CredenceError(
        'repair.missing_evidence',
        `repair of ${record.type} requires: ${missing.join(', ')}`,
        { details: { missing } },
      );
    const rows = await tx.recordsOf([Number(subject.id)]);
    if (type.repair.notIfRepeatedWithin) {
      const windowStart = addDuration(Number(record.occurred_at), type.repair.notIfRepeatedWithin, -1);
      const repeat = rows.find(
        (r) =>
          r.type === record.type &&
          r.record_id !== record.record_id &&
          Number(r.occurred_at) >= windowStart &&
          Number(r.occurred_at) < Number(record.occurred_at),
      );
      if (repeat)
        throw new CredenceError(
          'repair.ineligible',
          `not eligible: ${repeat.source}/${repeat.record_id} is a repeat of the same offence within ${type.repair.notIfRepeatedWithin.text}`,
        );
    }
    const cases = await tx.casesOf(Number(subject.id));
    if (
      cases.some(
        (c) =>
          c.kind === 'repair' &&
          (c.status === 'open' || c.status === 'approved') &&
          c.source === key.source &&
          c.record_id === key.id,
      )
    ) {
      throw new CredenceError(
        'repair.already_applied',
        `a repair application for ${key.source}/${key.id} is already open or approved`,
      );
    }
    const rb = versions.at(now);
    const row: CaseRow = {
      subject_id: Number(subject.id),
      id: caseId('repair', Number(subject.id), key, now),
      kind: 'repair',
      source: key.source,
      record_id: key.id,
      opened_at: now,
      deadline: addDuration(now, rb.reviewDeadline),
      status: 'open',
      submission: JSON.stringify({ letter, evidence }),
      decided_at: null,
      decided_by: null,
      reasons: null,
    };
    await tx.insertCase(row);
    await emitNotices(
      tx,
      [
        caseNotice(
          row.subject_id,
          row.id,
          'repair.received',
          `Your repair application for ${key.source}/${key.id} was received`,
          `a reviewer will decide by ${day(row.deadline)}`,
          now,
          { case: row.id },
        ),
      ],
      now,
    );
    await audit(tx, ctx, 'repair.apply', row.subject_id, {
      case: row.id,
      record: `${key.source}/${key.id}`,
      evidence: evidence.map((e) => e.ref),
    });
    return row;
  });
}
