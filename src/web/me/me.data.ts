import { refOf } from '../../app/derive/derive.files.ts';
import { activeRulebooks } from '../../app/governance/governance.rulebooks.ts';
import type { AppContext } from '../../app/ports/ports.context.ts';
import { exportFile } from '../../app/queries/queries.export.ts';
import { addDuration } from '../../domain/duration.ts';
import { CredenceError } from '../../domain/errors.ts';
import type { RulebookSet } from '../../rules/versions.ts';
import type { RecordView, SubjectFile } from '../components/record.tsx';
import type { MessageKey } from '../i18n/i18n.ts';

/** What the subject's pages read: the signed-in subject, its records, and what it may do with each. */

export interface RecordActions {
  readonly object: boolean;
  readonly repair: boolean;
}

/** What the subject can do with each record now: object (inside the window) and apply for repair. */
export function actionsOf(file: SubjectFile, versions: RulebookSet, now: number): Map<string, RecordActions> {
  const out = new Map<string, RecordActions>();
  const cases = [...file.objections, ...file.repairs];
  for (const r of file.records) {
    const key = `${r.source}/${r.id}`;
    const events = new Set(r.status_history.map((e) => e.event));
    const gone = events.has('annulled') || events.has('repaired');
    const recorded = Date.parse(r.recorded_at ?? '');
    const rb = versions.at(recorded);
    const windowOpen = now <= addDuration(recorded, rb.objectionWindow);
    const type = versions.at(Date.parse(r.occurred_at ?? '')).recordTypes.get(r.type);
    const openObjection = file.objections.some((c) => c.record === key && c.status === 'open');
    const repairCase = cases.some(
      (c) => c.kind === 'repair' && c.record === key && (c.status === 'open' || c.status === 'approved'),
    );
    const repairable = file.score.repairable.some(
      (x) => x.record === r.id && x.type === r.type && Date.parse(x.from ?? '') <= now,
    );
    out.set(key, {
      object: !gone && windowOpen && !openObjection && (type?.points ?? 0) < 0,
      repair: !gone && repairable && !repairCase,
    });
  }
  return out;
}

/** A record's state in words: its last event, else whether it counts. */
export function statusOf(r: RecordView, counting: boolean): MessageKey {
  const last = r.status_history[r.status_history.length - 1];
  if (last) return `status.${last.event}` as MessageKey;
  return counting ? 'status.active' : 'status.expired';
}

/** The signed-in subject's registry reference. */
export async function myRef(ctx: AppContext, subjectId: number | null): Promise<string> {
  if (subjectId === null) throw new CredenceError('auth.forbidden', 'this token names no subject');
  const [s] = await ctx.store.subjectsById([subjectId]);
  if (!s) throw new CredenceError('subject.not_found', 'the subject of this token is no longer registered');
  return refOf(s);
}

export function versionsOf(ctx: AppContext): Promise<RulebookSet> {
  return ctx.store.transaction((tx) => activeRulebooks(tx));
}

export function titlesOf(versions: RulebookSet) {
  return (type: string) => versions.latest.recordTypes.get(type)?.title ?? type;
}

/** One record of the subject's own file (another subject's record is "not found"). */
export async function recordOf(ctx: AppContext, ref: string, source: string, id: string) {
  const file = await exportFile(ctx, ref);
  const r = file.records.find((x) => x.source === source && x.id === id);
  if (!r) throw new CredenceError('record.not_found', `record ${source}/${id} is not in your file`);
  return { file, r };
}

/** The materials a repair of this record asks for, by the rulebook in force when it happened. */
export function requiresOf(versions: RulebookSet, r: RecordView): readonly string[] {
  return (
    versions.at(Date.parse(r.occurred_at ?? '')).recordTypes.get(r.type)?.repair?.requires ??
    versions.latest.recordTypes.get(r.type)?.repair?.requires ??
    []
  );
}
