import { CredenceError } from '../../domain/errors.ts';
import { formatInstant } from '../../domain/time.ts';
import { derive, type Explanation } from '../../rules/explain.ts';
import { activeAt, type ListEntry } from '../../rules/lists.ts';
import { answerFromSpans, bearerAnswer, bears, borneBy } from '../../rules/measures.ts';
import { Timeline } from '../../rules/scorer.ts';
import type { RulebookSet } from '../../rules/versions.ts';
import { audit } from '../audit/audit.log.ts';
import { loadFiles, refOf } from '../derive/derive.files.ts';
import { decodeState, recompute, type StoredState } from '../derive/derive.usecases.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { SubjectRow, Tx } from '../ports/ports.store.ts';

const iso = (t: number | null | undefined): string | null =>
  t === null || t === undefined || !Number.isFinite(t) ? null : formatInstant(t);

export async function findSubject(ctx: AppContext, tx: Tx, ref: string): Promise<SubjectRow> {
  const s = await new Ingestor(ctx).resolve(tx, ref.trim());
  if (!s)
    throw new CredenceError(
      'subject.not_found',
      `no subject ${/^\d{17}[\dX]$/.test(ref) ? '(a person)' : ref} in this registry`,
    );
  return s;
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
async function refreshIfDue(
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
  for (const [id, r] of states) out.set(id, decodeState(r.state));
  if (due.length > 0) {
    const { states: fresh } = await recompute(tx, versions, due, now);
    for (const [id, st] of fresh) out.set(id, st);
  }
  return out;
}

/** The explained score of a subject as of `at` (default now), computed from the ledger. */
export async function scoreOf(ctx: AppContext, ref: string, at?: number): Promise<ScoreView> {
  return ctx.store.transaction(async (tx) => {
    const s = await findSubject(ctx, tx, ref);
    const versions = await activeRulebooks(tx);
    const now = ctx.clock.now();
    // the stored projection is current after this, so its list entries are reused rather than derived again
    const stored = await refreshIfDue(tx, versions, [Number(s.id)], now);
    const { files } = await loadFiles(tx, versions, [Number(s.id)]);
    const d = derive(
      new Timeline(files.get(Number(s.id))!, versions),
      at ?? now,
      stored.get(Number(s.id))?.entries,
    );
    if (s.kind === 'person') await audit(tx, ctx, 'subject.read_score', Number(s.id), { at: at ?? now });
    return explanationView(s, d.explanation);
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

/** Whose state can bring a measure to a subject: itself, or an organization through a role held over a span. */
export interface Holder {
  readonly id: number;
  readonly via: string;
  /** For a role: when the person held it (a person bears an organization's measure only then). */
  readonly from?: number;
  readonly to?: number | null;
}

/** The answer over every holder whose state can bring the measure to the subject; an open end wins. */
export function combineAnswers(
  holders: readonly Holder[],
  states: ReadonlyMap<number, StoredState>,
  measure: string,
  lists: readonly string[],
  when: number,
  versions?: RulebookSet,
): { applies: boolean; until: number | null; decisions: string[] } {
  const answers = holders
    .map((h) => {
      const state = states.get(h.id) ?? { entries: [], spans: [] };
      const a = answerFromSpans(state.spans, state.entries, measure, lists, when, h.via);
      if (h.via === 'self' || h.from === undefined || !versions) return a;
      // a person bears it only while in the role, and after its own notice if appointed after the warning
      const role = { role: h.via, from: h.from, to: h.to ?? Number.POSITIVE_INFINITY };
      return bearerAnswer(
        a,
        state.entries,
        role,
        (e) => versions.at(e.since).lists.get(e.list)?.notice,
        when,
      );
    })
    .filter((a) => a.applies);
  if (answers.length === 0) return { applies: false, until: null, decisions: [] };
  const until = answers.some((a) => a.until === null) ? null : Math.max(...answers.map((a) => a.until ?? 0));
  return { applies: true, until, decisions: answers.flatMap((a) => [...a.decisions]) };
}

/** Does measure M apply to S at `at`? The minimal answer, recorded for the subject to see. */
export async function checkMeasure(
  ctx: AppContext,
  ref: string,
  measure: string,
  at?: number,
): Promise<CheckView> {
  return ctx.store.transaction(async (tx) => {
    const s = await findSubject(ctx, tx, ref);
    const [v] = await checkSubjects(ctx, tx, [{ subject: s, measure }], at);
    return v!;
  });
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
  const persons = [
    ...new Set(asks.filter((a) => a.subject.kind === 'person').map((a) => Number(a.subject.id))),
  ];
  // the roles the persons held at the date asked about: relations are dated registry facts (DESIGN §2)
  const roles = persons.length > 0 ? await tx.rolesAt(persons, when) : [];
  // whose state can bring the measure to each subject: itself, and organizations it represents or controls
  const holdersOf = asks.map(({ subject: s, measure }) => {
    const def = defs.get(measure)!;
    const id = Number(s.id);
    const holders: Holder[] = [];
    if (bears(def.appliesTo, s.kind)) holders.push({ id, via: 'self' });
    if (s.kind === 'person')
      for (const r of roles)
        if (Number(r.related_id) === id && r.role !== 'parent' && def.appliesTo.includes(r.role))
          holders.push({ id: Number(r.org_id), via: r.role, from: Number(r.from), to: r.to });
    return holders;
  });
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

/** The subject's whole file: records with their status history, decisions, checks, and the explained score. */
export async function exportFile(ctx: AppContext, ref: string) {
  return ctx.store.transaction(async (tx) => {
    const s = await findSubject(ctx, tx, ref);
    const versions = await activeRulebooks(tx);
    const now = ctx.clock.now();
    const id = Number(s.id);
    await refreshIfDue(tx, versions, [id], now);
    const { files, rows, events } = await loadFiles(tx, versions, [id]);
    const d = derive(new Timeline(files.get(id)!, versions), now);
    const evs = events.get(id) ?? [];
    const records = (rows.get(id) ?? []).map((r) => ({
      source: r.source,
      id: r.record_id,
      type: r.type,
      occurred_at: iso(Number(r.occurred_at)),
      recorded_at: iso(Number(r.recorded_at)),
      legal_basis: r.legal_basis,
      evidence: JSON.parse(r.evidence) as string[],
      amount: r.amount,
      culpability: r.culpability,
      note: r.note,
      content_hash: r.content_hash,
      status_history: evs
        .filter((e) => e.source === r.source && e.record_id === r.record_id)
        .map((e) => ({
          event: e.kind,
          at: iso(Number(e.at)),
          by: e.actor,
          reason: e.reason,
          data: JSON.parse(e.data),
        })),
    }));
    const decisions = (await tx.decisionsOf(id)).map((r) => ({
      id: r.id,
      list: r.list,
      event: r.event,
      effective_at: iso(Number(r.effective_at)),
      recorded_at: iso(Number(r.recorded_at)),
      entry: listView(decodeState(r.data).entries[0]!),
    }));
    const who = await whoIs(tx);
    const checks = (await tx.checksOf(id)).map((c) => ({
      id: `CHK-${id}-${c.seq}`,
      measure: c.measure,
      asked_by: who(c.asked_by),
      asked_at: iso(Number(c.asked_at)),
      at: iso(Number(c.at)),
      applies: c.applies === 1,
      until: iso(c.until === null ? null : Number(c.until)),
      decisions: JSON.parse(c.decisions) as string[],
    }));
    const notices = (await tx.noticesOf(id)).map((n) => ({
      id: n.id,
      recipient: n.recipient,
      kind: n.kind,
      created_at: iso(Number(n.created_at)),
      ...(JSON.parse(n.body) as object),
    }));
    const cases = (await tx.casesOf(id)).map((c) => ({
      id: c.id,
      kind: c.kind,
      record: `${c.source}/${c.record_id}`,
      opened_at: iso(Number(c.opened_at)),
      deadline: iso(Number(c.deadline)),
      status: c.status,
      submission: JSON.parse(c.submission) as unknown,
      decided_at: iso(c.decided_at === null ? null : Number(c.decided_at)),
      decided_by: c.decided_by,
      reasons: c.reasons,
    }));
    const relations =
      s.kind === 'organization' ? await tx.relationsOfOrgs([id]) : await tx.relationsOfPersons([id]);
    const registry = await registryFactsView(tx, id, s.kind);
    // who looked (DESIGN §6): every read of the file by anyone but the subject — staff included
    const looked = (await tx.auditOfSubject(id, READS, 500)).map((a) => ({
      who: who(a.actor),
      what: a.action,
      at: iso(Number(a.at)),
    }));
    const borne = s.kind === 'person' ? await borneView(tx, versions, id, now) : [];
    await audit(tx, ctx, 'subject.export', id, {});
    return {
      exported_at: iso(now),
      subject: {
        ref: refOf(s),
        kind: s.kind,
        name: s.name,
        usci: s.usci,
        parent: s.parent_id === null ? null : Number(s.parent_id),
        relations: relations.map((r) => ({
          role: r.role,
          organization: Number(r.org_id),
          person: Number(r.person_id),
        })),
      },
      registry_facts: registry.facts,
      relations_history: registry.spans,
      score: explanationView(s, d.explanation),
      records,
      decisions,
      list_history: d.entries.map(listView),
      notices,
      objections: cases.filter((c) => c.kind === 'objection'),
      repairs: cases.filter((c) => c.kind === 'repair'),
      checks,
      looked,
      ...(s.kind === 'person' ? { borne } : {}),
    };
  });
}

/** The actions that read a subject's file, as the audit log names them. */
const READS = ['subject.export', 'subject.read_score', 'subject.read_history', 'subject.read_file'] as const;

/** Names an actor as people know it: a token by its label and role, never by its id. */
export async function whoIs(tx: Tx): Promise<(actor: string) => string> {
  const tokens = new Map((await tx.tokens()).map((t) => [`token:${t.id}`, t]));
  return (actor) => {
    const t = tokens.get(actor);
    if (t) return t.label ? `${t.label} (${t.role})` : t.role;
    return actor.startsWith('token:') ? 'a revoked or deleted token' : actor;
  };
}

/**
 * The entries a person bears as legal representative or actual controller (DESIGN §5): which organization, which
 * list and measures, and the person's own dates — so that they see in their own file what reaches them.
 */
async function borneView(tx: Tx, versions: RulebookSet, personId: number, now: number) {
  const spans = (await tx.relationSpansOfPersons([personId])).filter((s) => s.role !== 'parent');
  if (spans.length === 0) return [];
  const orgIds = [...new Set(spans.map((s) => Number(s.org_id)))];
  const states = await refreshIfDue(tx, versions, orgIds, now);
  const orgs = new Map((await tx.subjectsById(orgIds)).map((o) => [Number(o.id), o]));
  const out = [];
  for (const orgId of orgIds) {
    const roles = spans
      .filter((s) => Number(s.org_id) === orgId)
      .map((s) => ({
        role: s.role,
        person: personId,
        from: Number(s.from),
        to: s.to === null ? Number.POSITIVE_INFINITY : Number(s.to),
      }));
    for (const b of borneBy(states.get(orgId)?.entries ?? [], roles, (t) => versions.at(t))) {
      const o = orgs.get(orgId);
      out.push({
        organization: o ? refOf(o) : null,
        name: o?.name ?? null,
        role: b.role,
        measures: b.measures,
        warned_at: iso(b.warnedAt),
        from: iso(b.from),
        until: iso(b.until),
        entry: listView(b.entry),
      });
    }
  }
  return out;
}

/**
 * The registry facts in a subject's file (DESIGN §2): those about it and those naming it (an appointment, a
 * branch), each with its effective date, when and by whom it was recorded; and the relations they make, dated.
 */
async function registryFactsView(tx: Tx, id: number, kind: SubjectRow['kind']) {
  const facts = [...(await tx.registryFactsOf([id])), ...(await tx.registryFactsNaming([id]))];
  const spans =
    kind === 'organization'
      ? [...(await tx.relationSpansOfOrgs([id])), ...(await tx.relationSpansOfPersons([id]))]
      : await tx.relationSpansOfPersons([id]);
  const ids = new Set<number>([
    ...facts.flatMap((f) => [f.subject_id, ...(f.related_id === null ? [] : [f.related_id])]),
    ...spans.flatMap((r) => [r.org_id, r.related_id]),
  ]);
  const refs = new Map((await tx.subjectsById([...ids])).map((x) => [Number(x.id), refOf(x)]));
  const ref = (n: number | null) => (n === null ? null : (refs.get(Number(n)) ?? null));
  return {
    facts: facts
      .sort((a, b) => a.effective_at - b.effective_at || a.recorded_at - b.recorded_at || a.seq - b.seq)
      .map((f) => ({
        fact: f.fact,
        subject: ref(f.subject_id),
        ...(f.fact === 'name' ? { value: f.value } : { related: ref(f.related_id) }),
        effective_at: iso(f.effective_at),
        recorded_at: iso(f.recorded_at),
        by: f.actor,
        source: f.source,
      })),
    spans: spans.map((r) => ({
      role: r.role,
      organization: ref(r.org_id),
      [r.role === 'parent' ? 'parent' : 'person']: ref(r.related_id),
      from: iso(r.from),
      to: iso(r.to),
    })),
  };
}

export { activeAt };
