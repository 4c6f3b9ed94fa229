// Objections (the window, the dispute, the review deadline) and a reviewer's decision on any case, with its notices.
import { addDuration } from '../../domain/duration.ts';
import { CredenceError } from '../../domain/errors.ts';
import { answerFromSpans } from '../../rules/measures.ts';
import type { RulebookSet } from '../../rules/versions.ts';
import { audit } from '../audit/audit.log.ts';
import { affectedBy, refOf } from '../derive/derive.files.ts';
import { recompute } from '../derive/derive.usecases.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { CaseRow } from '../ports/ports.due-process.ts';
import type { SubjectRow } from '../ports/ports.store.ts';
import type { AnswerState } from '../queries/queries.answers.ts';
import { findSubject } from '../queries/queries.usecases.ts';
import { caseId, day, type FullTx, type RecordKey, recordOf } from './due-process.case-records.ts';
import { caseNotice, correctionNotice, emitNotices } from './due-process.notices.ts';

export type { RecordKey } from './due-process.case-records.ts';

/**
 * When a person files against a record that is not theirs: the organization whose record it is, if the person
 * holds (or held) a role in it through which its measures can reach them; undefined otherwise.
 */
async function bearerOf(
  tx: FullTx,
  person: SubjectRow,
  key: RecordKey,
): Promise<{ org: SubjectRow; role: string; from: number } | undefined> {
  const [r] = await tx.recordsByKeys([{ source: key.source, record_id: key.id }]);
  if (!r || Number(r.subject_id) === Number(person.id)) return undefined;
  const span = (await tx.relationSpansOfPersons([Number(person.id)])).find(
    (s) => s.role !== 'parent' && Number(s.org_id) === Number(r.subject_id),
  );
  if (!span) return undefined;
  const [org] = await tx.subjectsById([Number(r.subject_id)]);
  return org ? { org, role: span.role, from: Number(span.from) } : undefined;
}

/**
 * A subject contests a record within the objection window (from the record's notice). While open the record is
 * disputed: it stops counting if its type says so, and in any case once the review deadline has passed.
 */
export async function fileObjection(
  ctx: AppContext,
  subjectRef: string,
  key: RecordKey,
  statement: string,
): Promise<CaseRow> {
  if (statement.trim().length === 0)
    throw new CredenceError('objection.statement_required', 'say why the record is wrong (statement)');
  return ctx.store.transaction(async (t) => {
    const tx = t as FullTx;
    const filer = await findSubject(ctx, tx, subjectRef);
    const now = ctx.clock.now();
    // a person who bears an organization's measures as its legal representative or actual controller is a
    // party too (DESIGN §5): they may contest the organization's records; the case is in the organization's file
    const bearer = filer.kind === 'person' ? await bearerOf(tx, filer, key) : undefined;
    const subject = bearer?.org ?? filer;
    // lock before looking at the open cases: two concurrent objections to one record cannot both open
    await tx.lockSubjects(await affectedBy(tx, [Number(subject.id)], []));
    const record = await recordOf(tx, subject, key);
    const versions = await activeRulebooks(tx);
    const rb = versions.at(Number(record.recorded_at));
    // the window runs from the record's notice — for a bearer appointed later, from the appointment
    const opened = Math.max(Number(record.recorded_at), bearer?.from ?? 0);
    const closes = addDuration(opened, rb.objectionWindow);
    if (now > closes)
      throw new CredenceError(
        'objection.window_closed',
        `the objection window for ${key.source}/${key.id} closed on ${day(closes)} (${rb.objectionWindow.text} from its notice); a reviewer can still correct a manifest error`,
      );
    const cases = await tx.casesOf(Number(subject.id));
    if (
      cases.some(
        (c) =>
          c.kind === 'objection' && c.status === 'open' && c.source === key.source && c.record_id === key.id,
      )
    ) {
      throw new CredenceError(
        'objection.already_open',
        `an objection to ${key.source}/${key.id} is already open`,
      );
    }
    const deadline = addDuration(now, rb.reviewDeadline);
    const row: CaseRow = {
      subject_id: Number(subject.id),
      id: caseId('objection', Number(subject.id), key, now),
      kind: 'objection',
      source: key.source,
      record_id: key.id,
      opened_at: now,
      deadline,
      status: 'open',
      submission: JSON.stringify({
        statement,
        ...(bearer ? { filed_by: refOf(filer), as: bearer.role } : {}),
      }),
      decided_at: null,
      decided_by: null,
      reasons: null,
    };
    await tx.insertCase(row);
    await tx.insertEvent({
      subject_id: row.subject_id,
      source: key.source,
      record_id: key.id,
      kind: 'disputed',
      at: now,
      actor: ctx.actor,
      reason: statement,
      data: JSON.stringify({ case: row.id, deadline }),
    });
    await recompute(tx, versions, await affectedBy(tx, [row.subject_id], []), now);
    await emitNotices(
      tx,
      [
        caseNotice(
          row.subject_id,
          row.id,
          'objection.received',
          `Your objection to ${key.source}/${key.id} was received`,
          `a reviewer will decide by ${day(deadline)}; until then the record is marked as disputed`,
          now,
          { case: row.id },
        ),
      ],
      now,
    );
    await audit(tx, ctx, 'objection.file', row.subject_id, {
      case: row.id,
      record: `${key.source}/${key.id}`,
    });
    return row;
  });
}

export type Outcome = 'uphold' | 'annul' | 'approve' | 'reject';

/**
 * A reviewer decides a case with written reasons. Annulment and approved repair end the list entries the record
 * grounded; consumers told that a measure applied while such an entry stood receive a correction.
 */
export async function decideCase(
  ctx: AppContext,
  id: string,
  outcome: Outcome,
  reasons: string,
): Promise<CaseRow> {
  if (reasons.trim().length === 0)
    throw new CredenceError('case.reasons_required', 'a decision needs written reasons');
  return ctx.store.transaction(async (t) => {
    const tx = t as FullTx;
    const found = await tx.caseById(id);
    if (!found) throw new CredenceError('case.not_found', `no case ${id}`);
    // lock, then read the case again: a concurrent decision of the same case has committed by now
    await tx.lockSubjects(await affectedBy(tx, [Number(found.subject_id)], []));
    const c = (await tx.caseById(id)) ?? found;
    if (c.status !== 'open')
      throw new CredenceError(
        c.kind === 'objection' ? 'objection.already_decided' : 'repair.already_decided',
        `case ${id} was already decided (${c.status}) on ${day(Number(c.decided_at))}`,
      );
    const allowed = c.kind === 'objection' ? ['uphold', 'annul'] : ['approve', 'reject'];
    if (!allowed.includes(outcome))
      throw new CredenceError('case.invalid_outcome', `a ${c.kind} is decided with ${allowed.join(' or ')}`);
    const now = ctx.clock.now();
    const versions = await activeRulebooks(tx);
    const subjectId = Number(c.subject_id);
    const before = await tx.derivedOf([subjectId]);
    const status = (
      { uphold: 'upheld', annul: 'annulled', approve: 'approved', reject: 'rejected' } as const
    )[outcome];
    await tx.updateCase(subjectId, id, { status, decided_at: now, decided_by: ctx.actor, reasons });
    const event =
      outcome === 'annul'
        ? 'annulled'
        : outcome === 'approve'
          ? 'repaired'
          : outcome === 'uphold'
            ? 'upheld'
            : undefined;
    if (event)
      await tx.insertEvent({
        subject_id: subjectId,
        source: c.source,
        record_id: c.record_id,
        kind: event,
        at: now,
        actor: ctx.actor,
        reason: reasons,
        data: JSON.stringify({ case: id }),
      });
    const { states } = await recompute(tx, versions, await affectedBy(tx, [subjectId], []), now);
    const notices = [
      caseNotice(
        subjectId,
        id,
        `${c.kind}.decided`,
        `Your ${c.kind} ${id} was decided: ${status}`,
        reasons,
        now,
        { case: id, outcome: status },
      ),
    ];
    if (event === 'annulled' || event === 'repaired')
      notices.push(
        ...(await corrections(tx, versions, subjectId, before[0]?.state, states.get(subjectId), now)),
      );
    await emitNotices(tx, notices, now);
    await audit(tx, ctx, `${c.kind}.decide`, subjectId, { case: id, outcome: status });
    return { ...c, status, decided_at: now, decided_by: ctx.actor, reasons };
  });
}

/**
 * Consumers who checked the subject (or its representatives) while an entry that a repair or an annulment has cut
 * short stood: each is told when the entry now ends (at once, or at the list's `min` after a repair) and whether
 * the measure still applies from then on, on the subject's other decisions, as the stored state answers it.
 */
async function corrections(
  tx: FullTx,
  versions: RulebookSet,
  subjectId: number,
  beforeState: string | undefined,
  after: AnswerState | undefined,
  now: number,
) {
  if (!beforeState) return [];
  const prior = (
    JSON.parse(beforeState) as { entries: { decision: string; since: number; until: number | null }[] }
  ).entries;
  // each entry cut short, with its new end (now, when it no longer stands at all)
  const endOf = new Map<string, number>();
  for (const p of prior) {
    const a = after?.entries.find((x) => x.decision === p.decision);
    if (!a || a.until < (p.until ?? Number.POSITIVE_INFINITY)) endOf.set(p.decision, a ? a.until : now);
  }
  if (endOf.size === 0) return [];
  const persons = (await tx.relationsOfOrgs([subjectId])).map((r) => Number(r.person_id));
  const out = [];
  for (const sid of [subjectId, ...persons]) {
    for (const chk of await tx.checksOf(sid)) {
      if (chk.applies !== 1) continue;
      for (const d of JSON.parse(chk.decisions) as string[]) {
        const end = endOf.get(d);
        if (end === undefined) continue;
        const def = versions.at(end).measures.get(chk.measure) ?? versions.latest.measures.get(chk.measure);
        // the subject's own state answers for a representative too: the measure reaches it through the subject
        const still = def
          ? answerFromSpans(
              after?.spans ?? [],
              after?.entries ?? [],
              chk.measure,
              def.appliesWhen.lists,
              end,
              'self',
            )
          : undefined;
        const keeps = still?.applies ? still.decisions.filter((x) => x !== d) : [];
        out.push(correctionNotice(sid, chk.asked_by, d, chk.measure, end, now, keeps));
      }
    }
  }
  return out;
}
