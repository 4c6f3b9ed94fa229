// A subject's whole file (DESIGN §6 access): records with their status history, decisions, list history,
// notices, cases, checks, who looked, registry facts, and for a person what it bears through a role.
import { formatInstant } from '../../domain/time.ts';
import { derive } from '../../rules/explain.ts';
import { borneBy } from '../../rules/measures.ts';
import { Timeline } from '../../rules/scorer.ts';
import type { RulebookSet } from '../../rules/versions.ts';
import { audit } from '../audit/audit.log.ts';
import { loadFiles, refOf } from '../derive/derive.files.ts';
import { decodeState } from '../derive/derive.state.ts';
import { noticeText } from '../due-process/due-process.notice-render.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { SubjectRow, Tx } from '../ports/ports.store.ts';
import { watchedByView } from '../watches/watches.views.ts';
import { CHECKS_PAGE, checksPageOf } from './queries.checks.ts';
import { explanationView, findSubject, listView, refreshIfDue } from './queries.usecases.ts';

const iso = (t: number | null | undefined): string | null =>
  t === null || t === undefined || !Number.isFinite(t) ? null : formatInstant(t);

/** A status entry's data with its instants (an objection's review `deadline`) in ISO 8601, as every time is shown. */
function isoTimes(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const o = data as Record<string, unknown>;
  return typeof o.deadline === 'number' ? { ...o, deadline: iso(o.deadline) } : o;
}

/** The subject's whole file: records with their status history, decisions, checks, and the explained score. */
export async function exportFile(ctx: AppContext, ref: string) {
  return ctx.store.transaction(async (tx) => {
    const s = await findSubject(ctx, tx, ref);
    const versions = await activeRulebooks(tx);
    const now = ctx.clock.now();
    const id = Number(s.id);
    await refreshIfDue(tx, versions, [id], now);
    const { files, events } = await loadFiles(tx, versions, [id]);
    const d = derive(new Timeline(files.get(id)!, versions), now);
    const evs = events.get(id) ?? [];
    // the records whole, evidence and notes included (a derivation's load reads neither)
    const own = await tx.recordsOf([id]);
    // the organizations the subject's records were on behalf of, by USCI (never by an internal number)
    const behalf = own.flatMap((r) => (r.on_behalf_of === null ? [] : [Number(r.on_behalf_of)]));
    const uscis = new Map((await tx.subjectsById([...new Set(behalf)])).map((o) => [Number(o.id), refOf(o)]));
    const records = own.map((r) => ({
      source: r.source,
      id: r.record_id,
      type: r.type,
      occurred_at: iso(Number(r.occurred_at)),
      recorded_at: iso(Number(r.recorded_at)),
      legal_basis: r.legal_basis,
      evidence: JSON.parse(r.evidence) as string[],
      amount: r.amount,
      on_behalf_of: r.on_behalf_of === null ? null : (uscis.get(Number(r.on_behalf_of)) ?? null),
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
          data: isoTimes(JSON.parse(e.data)),
        })),
    }));
    const decisions = (await tx.decisionsOf(id)).map((r) => ({
      id: r.id,
      list: r.list,
      event: r.event,
      effective_at: iso(Number(r.effective_at)),
      recorded_at: iso(Number(r.recorded_at)),
      entry: listView(decodeState(r.data, versions.byHash).entries[0]!),
    }));
    const who = await whoIs(tx);
    // the newest page of checks, the total and a cursor to the older ones (GET /v1/subjects/{ref}/checks)
    const checks = await checksPageOf(tx, id, who, { before: null, limit: CHECKS_PAGE });
    // each notice rendered as it was written (compact rows under the rulebook version they name)
    const rulebookOf = versions.byHash;
    const notices = (await tx.noticesOf(id)).map((n) => ({
      id: n.id,
      recipient: n.recipient,
      kind: n.kind,
      created_at: iso(Number(n.created_at)),
      ...(JSON.parse(noticeText(n, rulebookOf)) as object),
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
    const related = [
      ...(s.parent_id === null ? [] : [Number(s.parent_id)]),
      ...relations.flatMap((r) => [Number(r.org_id), Number(r.person_id)]),
    ];
    const refs = new Map((await tx.subjectsById([...new Set(related)])).map((x) => [Number(x.id), refOf(x)]));
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
        // subjects are named by USCI or P… reference, never by internal numbers
        parent: s.parent_id === null ? null : (refs.get(Number(s.parent_id)) ?? null),
        relations: relations.map((r) => ({
          role: r.role,
          organization: refs.get(Number(r.org_id)) ?? null,
          person: refs.get(Number(r.person_id)) ?? null,
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
      checks: checks.items,
      checks_total: checks.total,
      checks_next: checks.next,
      looked,
      // who watches the subject, why, which measures and until when (monitoring; each change is a check above)
      watched_by: await watchedByView(tx, id, now),
      ...(s.kind === 'person' ? { borne } : {}),
    };
  });
}

/** The actions that read a subject's file, as the audit log names them. */
const READS = [
  'subject.export',
  'subject.read_score',
  'subject.read_history',
  'subject.read_file',
  'subject.read_checks',
  'subject.read_notices',
  'subject.read_cases',
] as const;

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
