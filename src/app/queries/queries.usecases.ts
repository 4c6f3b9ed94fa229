import { CredenceError } from '../../domain/errors.ts';
import { checkNationalId } from '../../domain/national-id.ts';
import { formatInstant } from '../../domain/time.ts';
import { derive, type Explanation } from '../../rules/explain.ts';
import { activeAt, type ListEntry } from '../../rules/lists.ts';
import { Timeline } from '../../rules/scorer.ts';
import type { RulebookSet } from '../../rules/versions.ts';
import { audit } from '../audit/audit.log.ts';
import { loadFiles, refOf } from '../derive/derive.files.ts';
import { decodeState, type StoredState } from '../derive/derive.state.ts';
import { recompute } from '../derive/derive.usecases.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import { subjectByRef } from '../ingest/ingest.lookup.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { DerivedRow, SubjectRow, Tx } from '../ports/ports.store.ts';
import { bornThroughRoles, combineAnswers, type Holder, holdersFor } from './queries.answers.ts';

export { combineAnswers, type Holder };

const iso = (t: number | null | undefined): string | null =>
  t === null || t === undefined || !Number.isFinite(t) ? null : formatInstant(t);

export async function findSubject(ctx: AppContext, tx: Tx, ref: string): Promise<SubjectRow> {
  // a new session's resolve, without building one: nothing of a session is known to a check or a score
  const s = await subjectByRef(ctx, tx, ref.trim());
  if (!s) throw notFound(ref);
  return s;
}

/** The error for a reference that names no subject: a national identity number is not repeated back. */
function notFound(ref: string): CredenceError {
  return new CredenceError(
    'subject.not_found',
    `no subject ${/^\d{17}[\dX]$/.test(ref) ? '(a person)' : ref} in this registry`,
  );
}

export function listView(e: ListEntry) {
  return {
    list: e.list,
    kind: e.kind,
    title: e.title,
    decision: e.decision,
    since: iso(e.since),
    until: iso(e.until),
    warned_at: iso(e.warnedAt),
    exit: e.exit,
    ...(e.suspendedWhy ? { suspended_why: e.suspendedWhy } : {}),
    ...(e.resumes ? { resumes: e.resumes } : {}),
    earliest_repair: iso(e.earliestRepair),
    legal_basis: e.legalBasis,
    grounds: e.grounds,
    rulebook: e.rulebook,
  };
}

export function explanationView(s: SubjectRow, x: Explanation) {
  return {
    subject: refOf(s),
    kind: s.kind,
    name: s.name,
    at: iso(x.at),
    score: x.score,
    grade: x.grade,
    base: x.base,
    clamped: x.clamped,
    lists: x.lists.map(listView),
    warnings: x.warnings.map(listView),
    contributions: x.contributions.map((c) => ({
      record: c.record,
      source: c.source,
      type: c.type,
      rule: c.rule,
      reason: c.reason,
      points: c.points,
      path: c.path,
      until: iso(c.until),
      version: c.version,
    })),
    next_change_at: iso(x.nextChangeAt),
    next_grade_change: x.nextGradeChange ? { ...x.nextGradeChange, at: iso(x.nextGradeChange.at) } : null,
    repairable: x.repairable.map((r) => ({ ...r, requires: [...r.requires], from: iso(r.from) })),
    // "suspended since 2026-04-14: review overdue" — it counts for nothing, and grounds no list, meanwhile
    suspended: x.suspended.map((s) => ({
      record: s.record,
      source: s.source,
      type: s.type,
      since: iso(s.since),
      until: iso(s.until),
      why: s.why,
      text: `suspended since ${iso(s.since)?.slice(0, 10)}: ${s.why === 'review_overdue' ? 'review overdue' : 'disputed'}`,
    })),
    rulebook: { name: x.rulebook.name, version: x.rulebook.version, hash: x.rulebook.hash },
  };
}

export type ScoreView = ReturnType<typeof explanationView>;

/** The projection is refreshed when it is read after its next_change_at (correct even if no scheduler ran). */
export async function refreshIfDue(
  tx: Tx,
  versions: RulebookSet,
  ids: readonly number[],
  now: number,
): Promise<Map<number, StoredState>> {
  const rows = await tx.derivedOf(ids);
  const states = new Map(rows.map((r) => [Number(r.subject_id), r]));
  const inForce = versions.at(now).hash;
  const due = ids.filter((id) => {
    const r = states.get(id);
    return (
      !r || (r.next_change_at !== null && Number(r.next_change_at) <= now) || r.rulebook_hash !== inForce
    );
  });
  const out = new Map<number, StoredState>();
  for (const [id, r] of states) out.set(id, decodeState(r.state, versions.byHash));
  if (due.length > 0) {
    const { states: fresh } = await recompute(tx, versions, due, now);
    for (const [id, st] of fresh) out.set(id, st);
  }
  return out;
}

/**
 * The explained score of a subject as of `at` (default now). For now, it is the explained view stored with a
 * current projection (one primary-key read); the first read after a change computes it from the ledger and stores
 * it, valid until the projection's next_change_at. Other dates are computed from the ledger.
 */
export async function scoreOf(ctx: AppContext, ref: string, at?: number): Promise<ScoreView> {
  return ctx.store.transaction(async (tx) => {
    const s = await findSubject(ctx, tx, ref);
    const id = Number(s.id);
    const versions = await activeRulebooks(tx);
    const now = ctx.clock.now();
    const when = at ?? now;
    if (s.kind === 'person') await audit(tx, ctx, 'subject.read_score', id, { at: when });
    const head = { subject: refOf(s), kind: s.kind, name: s.name, at: iso(when) };
    const current = (r: DerivedRow | undefined): r is DerivedRow =>
      r !== undefined &&
      Number(r.computed_at) <= now &&
      (r.next_change_at === null || Number(r.next_change_at) > now) &&
      r.rulebook_hash === versions.at(now).hash;
    if (at === undefined) {
      const row = await tx.derivedViewOf(id);
      if (current(row) && row.explained) return { ...head, ...JSON.parse(row.explained) } as ScoreView;
    }
    // the stored projection is current after this, so its list entries are reused rather than derived again
    const stored = await refreshIfDue(tx, versions, [id], now);
    const { files } = await loadFiles(tx, versions, [id]);
    const d = derive(new Timeline(files.get(id)!, versions), when, stored.get(id)?.entries);
    const view = explanationView(s, d.explanation);
    if (at === undefined) {
      const [row] = await tx.derivedOf([id]);
      if (current(row)) {
        const { subject: _s, kind: _k, name: _n, at: _a, ...rest } = view;
        await tx.storeExplained(id, Number(row.computed_at), JSON.stringify(rest));
      }
    }
    return view;
  });
}

export interface CheckView {
  readonly subject: string;
  readonly measure: string;
  readonly applies: boolean;
  readonly until: string | null;
  readonly decisions: readonly string[];
  readonly at: string;
  /** The check's id in the subject's file: `credence replay` recomputes it. */
  readonly id: string;
}

/**
 * Does measure M apply to S at `at`? The minimal answer, recorded for the subject to see. Checks asked at the same
 * moment share one commit (`Store.grouped`); each answer is given only once its record is committed.
 */
export async function checkMeasure(
  ctx: AppContext,
  ref: string,
  measure: string,
  at?: number,
): Promise<CheckView> {
  return ctx.store.grouped(async (tx) => {
    const s = await findSubject(ctx, tx, ref);
    const [v] = await checkSubjects(ctx, tx, [{ subject: s, measure }], at);
    return v!;
  });
}

/**
 * A relying party's check by national identity number: a person the registry does not know answers "does not
 * apply", exactly as a registered person with a clean file does, so that a check never reveals whether an identity
 * number is registered (persons are private). Nothing is recorded: there is no file to record it in.
 */
export async function checkForRelyingParty(
  ctx: AppContext,
  ref: string,
  measure: string,
  at?: number,
): Promise<Pick<CheckView, 'subject' | 'measure' | 'applies' | 'until' | 'decisions'>> {
  const byNationalId = checkNationalId(ref).ok;
  try {
    const v = await checkMeasure(ctx, ref, measure, at);
    // asked by national id, the answer names the subject as asked: a P… reference would tell it is registered
    return byNationalId ? { ...v, subject: ref } : v;
  } catch (e) {
    if (!(e instanceof CredenceError && e.code === 'subject.not_found' && byNationalId)) throw e;
    const versions = await ctx.store.grouped((tx) => activeRulebooks(tx));
    if (!versions.latest.measures.has(measure) && !versions.at(at ?? ctx.clock.now()).measures.has(measure))
      throw new CredenceError(
        'measure.unknown',
        `measure "${measure}" is not in the rulebook (known: ${[...versions.latest.measures.keys()].join(', ')})`,
      );
    return { subject: ref, measure, applies: false, until: null, decisions: [] };
  }
}

/**
 * The checks of many (subject, measure) pairs inside one transaction: what `checkMeasure` does for one, with the
 * rulebooks, relations and holders' states read once for all. Each answer is recorded as its own check.
 */
export async function checkSubjects(
  ctx: AppContext,
  tx: Tx,
  asks: readonly { subject: SubjectRow; measure: string }[],
  at?: number,
): Promise<CheckView[]> {
  const versions = await activeRulebooks(tx);
  const now = ctx.clock.now();
  const when = at ?? now;
  const defs = new Map(
    [...new Set(asks.map((a) => a.measure))].map((measure) => {
      const def = versions.at(when).measures.get(measure) ?? versions.latest.measures.get(measure);
      if (!def)
        throw new CredenceError(
          'measure.unknown',
          `measure "${measure}" is not in the rulebook (known: ${[...versions.latest.measures.keys()].join(', ')})`,
        );
      return [measure, def] as const;
    }),
  );
  // the persons asked about a measure borne through a role (a legal representative, an actual controller): the
  // others' roles cannot bring it to them, and are not read
  const persons = [
    ...new Set(
      asks
        .filter((a) => a.subject.kind === 'person' && bornThroughRoles(defs.get(a.measure)!))
        .map((a) => Number(a.subject.id)),
    ),
  ];
  // the roles the persons held at the date asked about: relations are dated registry facts (DESIGN §2)
  const roles = persons.length > 0 ? await tx.rolesAt(persons, when) : [];
  // whose state can bring the measure to each subject: itself, and organizations it represents or controls
  const holdersOf = asks.map(({ subject: s, measure }) => holdersFor(defs.get(measure)!, s, roles));
  // the holders' stored states, refreshed first when a change has come due since they were computed
  const states = await refreshIfDue(tx, versions, [...new Set(holdersOf.flat().map((h) => h.id))], now);
  const out: CheckView[] = [];
  for (const [i, { subject: s, measure }] of asks.entries()) {
    const holders = holdersOf[i]!;
    const id = Number(s.id);
    const { applies, until, decisions } = combineAnswers(
      holders,
      states,
      measure,
      defs.get(measure)!.appliesWhen.lists,
      when,
      versions,
    );
    const seq = await tx.insertCheck({
      subject_id: id,
      measure,
      asked_by: ctx.actor,
      asked_at: now,
      at: when,
      applies: applies ? 1 : 0,
      until,
      decisions: JSON.stringify(decisions),
      // the ledger the holders' states were derived from: replay recomputes from exactly those records
      inputs: JSON.stringify({
        rulebooks: versions.versions.map((v) => v.hash),
        holders,
        at: when,
        ledger: holders.flatMap((h) => states.get(h.id)?.ledger ?? []),
      }),
    });
    out.push({
      subject: refOf(s),
      measure,
      applies,
      until: iso(until),
      decisions,
      at: iso(when)!,
      id: `CHK-${id}-${seq}`,
    });
  }
  return out;
}

export { activeAt };
