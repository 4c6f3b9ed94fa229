import { CredenceError } from '../../domain/errors.ts';
import { parseInstant } from '../../domain/time.ts';
import { audit } from '../audit/audit.log.ts';
import { affectedBy } from '../derive/derive.files.ts';
import { recompute } from '../derive/derive.usecases.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { RecordRow, Tx } from '../ports/ports.store.ts';
import { caseNotice, emitNotices } from './due-process.notices.ts';

export interface RecordKey {
  readonly source: string;
  readonly id: string;
}

/** Who may annul or correct a record: the source that wrote it, or a reviewer (any source). */
export interface Corrector {
  readonly role: 'source' | 'reviewer' | 'admin';
  readonly source?: string;
}

async function find(tx: Tx, key: RecordKey, who: Corrector): Promise<RecordRow> {
  const [row] = await tx.recordsByKeys([{ source: key.source, record_id: key.id }]);
  if (!row) throw new CredenceError('record.not_found', `no record ${key.source}/${key.id}`);
  if (who.role === 'source' && who.source !== key.source)
    throw new CredenceError(
      'auth.forbidden',
      `only source ${key.source} or a reviewer may change record ${key.source}/${key.id}`,
    );
  const annulled = (await tx.eventsOf([Number(row.subject_id)])).some(
    (e) => e.source === key.source && e.record_id === key.id && e.kind === 'annulled',
  );
  if (annulled)
    throw new CredenceError('record.already_annulled', `record ${key.source}/${key.id} is already annulled`);
  return row;
}

/**
 * Annuls a record (a ledger entry referring to it, never an edit): it no longer counts, as if it had never
 * counted, and the list entries it grounded end today. The subject is told why.
 */
export async function annulRecord(
  ctx: AppContext,
  key: RecordKey,
  reasons: string,
  who: Corrector,
): Promise<void> {
  if (!reasons.trim())
    throw new CredenceError('record.reasons_required', 'an annulment needs written reasons');
  await ctx.store.transaction(async (tx) => {
    const row = await find(tx, key, who);
    const now = ctx.clock.now();
    const subjectId = Number(row.subject_id);
    await applyEvent(tx, ctx, row, key, 'annulled', reasons, { by: who.role }, now, {
      key: `${key.source}/${key.id}`,
      kind: 'record.annulled',
      title: `Record ${key.source}/${key.id} was annulled`,
      reasons,
    });
    await audit(tx, ctx, 'record.annul', subjectId, { record: `${key.source}/${key.id}`, reasons });
  });
}

/** Appends the status entry, recomputes whoever the record reaches, and tells the subject why. */
async function applyEvent(
  tx: Tx,
  ctx: AppContext,
  row: RecordRow,
  key: RecordKey,
  kind: 'annulled' | 'corrected',
  reasons: string,
  data: Record<string, unknown>,
  now: number,
  notice: { key: string; kind: string; title: string; reasons: string },
): Promise<void> {
  const subjectId = Number(row.subject_id);
  await tx.insertEvent({
    subject_id: subjectId,
    source: key.source,
    record_id: key.id,
    kind,
    at: now,
    actor: ctx.actor,
    reason: reasons,
    data: JSON.stringify(data),
  });
  const versions = await activeRulebooks(tx);
  await recompute(
    tx,
    versions,
    await affectedBy(tx, [subjectId], row.on_behalf_of === null ? [] : [Number(row.on_behalf_of)]),
    now,
  );
  await emitNotices(
    tx,
    [
      caseNotice(subjectId, notice.key, notice.kind, notice.title, notice.reasons, now, {
        record: key.id,
        source: key.source,
        ...data,
      }),
    ],
    now,
  );
}

export interface Correction {
  readonly type?: string;
  readonly occurred_at?: string;
  readonly amount?: number | null;
}

/**
 * Corrects a record's type, date or amount (a `corrected` ledger entry with the new values; the original stays).
 * The record is scored as corrected from its date on. A correction may not make the record harsher in another
 * domain than the source's, nor date it in the future.
 */
export async function correctRecord(
  ctx: AppContext,
  key: RecordKey,
  change: Correction,
  reasons: string,
  who: Corrector,
): Promise<void> {
  if (!reasons.trim())
    throw new CredenceError('record.reasons_required', 'a correction needs written reasons');
  const keys = Object.keys(change).filter((k) => (change as Record<string, unknown>)[k] !== undefined);
  if (keys.length === 0)
    throw new CredenceError('record.nothing_to_correct', 'say what to correct: type, occurred_at or amount');
  await ctx.store.transaction(async (tx) => {
    const row = await find(tx, key, who);
    const now = ctx.clock.now();
    const versions = await activeRulebooks(tx);
    const data: Record<string, unknown> = {};
    if (change.type !== undefined) {
      const t = versions.at(now).recordTypes.get(change.type);
      if (!t)
        throw new CredenceError(
          'record.unknown_type',
          `type "${change.type}" is not in the rulebook in force`,
        );
      const [subject] = await tx.subjectsById([Number(row.subject_id)]);
      if (subject && !t.subjects.includes(subject.kind))
        throw new CredenceError(
          'record.wrong_subject_kind',
          `type "${change.type}" does not apply to a ${subject.kind}`,
        );
      const source = (await tx.sources()).find((s) => s.id === row.source);
      if (source && !(JSON.parse(source.domains) as string[]).includes(t.domain))
        throw new CredenceError(
          'record.domain_not_authorised',
          `source ${row.source} may not write domain ${t.domain}`,
        );
      data.type = change.type;
    }
    if (change.occurred_at !== undefined) {
      const at = parseInstant(change.occurred_at);
      if (at === undefined)
        throw new CredenceError('input.invalid_date', `occurred_at "${change.occurred_at}" is not a date`);
      if (at > now)
        throw new CredenceError('record.future_date', `occurred_at ${change.occurred_at} is in the future`);
      data.occurred_at = at;
    }
    if (change.amount !== undefined) {
      if (change.amount !== null && (typeof change.amount !== 'number' || change.amount < 0))
        throw new CredenceError('input.out_of_range', 'amount must be a number ≥ 0, or null');
      data.amount = change.amount;
    }
    const subjectId = Number(row.subject_id);
    await applyEvent(tx, ctx, row, key, 'corrected', reasons, data, now, {
      key: `${key.source}/${key.id}@${now}`,
      kind: 'record.corrected',
      title: `Record ${key.source}/${key.id} was corrected`,
      reasons: `${reasons} (${Object.keys(data).join(', ')})`,
    });
    await audit(tx, ctx, 'record.correct', subjectId, {
      record: `${key.source}/${key.id}`,
      change: data,
      reasons,
    });
  });
}
