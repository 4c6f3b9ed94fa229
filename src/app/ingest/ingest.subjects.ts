import { checkNationalId } from '../../domain/national-id.ts';
import { formatInstant, parseInstant } from '../../domain/time.ts';
import { checkUsci } from '../../domain/usci.ts';
import type { RulebookSet } from '../../rules/versions.ts';
import { audit } from '../audit/audit.log.ts';
import { affectedBy } from '../derive/derive.files.ts';
import { recompute } from '../derive/derive.usecases.ts';
import { type AppContext, personRef, sha256 } from '../ports/ports.context.ts';
import type { RegistryFactKind, RegistryFactRow, RelationRow, SubjectRow, Tx } from '../ports/ports.store.ts';
import type { LineResult } from './ingest.input.ts';
import { reject, text } from './ingest.input.ts';

/** Subject lines also carry the date their facts take effect (default: when they are recorded). */
export const SUBJECT_EXTRA_FIELDS = ['effective_from'] as const;

/** The domain a source needs to write registry facts (DESIGN §2): the market regulator's. */
export const REGISTRY_DOMAIN = 'registry';

/** What subject lines need from the session: its caches, and where to put the subjects it created. */
export interface SubjectDeps {
  readonly ctx: AppContext;
  readonly exceptions: ReadonlySet<string>;
  readonly byUsci: Map<string, SubjectRow>;
  readonly byHash: Map<string, SubjectRow>;
  /** Subjects created in this batch: the session gives them their first projection. */
  readonly registered: number[];
  /** New subjects of this batch not written yet. */
  readonly fresh: NewSubjects;
  readonly versions: () => RulebookSet;
  readonly orgByUsci: (tx: Tx, usci: string) => Promise<SubjectRow | undefined>;
  readonly personByHash: (tx: Tx, hash: string) => Promise<SubjectRow | undefined>;
  /** The source whose token writes, if a source's (facts name it). */
  readonly source: string | null;
}

type NewFact = Omit<RegistryFactRow, 'seq' | 'subject_id'>;

/** A line's answer; none yet for a line whose new subject is queued (NewSubjects gives it when it is written). */
export type Answer = LineResult | undefined;

/** A subject line's new subject, queued to be written with the others of its batch. */
interface NewSubject {
  /** The line, whose answer is given once the subject is written. */
  readonly index: number;
  /** `p:<id hash>` or `o:<usci>`. */
  readonly key: string;
  readonly row: Omit<SubjectRow, 'id'>;
  readonly facts: readonly NewFact[];
  /** Its own audit entry's detail, when it is written alone. */
  readonly detail: Record<string, unknown>;
  readonly answer: (id: number) => LineResult;
}

const isRole = (k: RegistryFactKind): k is RelationRow['role'] =>
  k === 'legal_representative' || k === 'actual_controller';

/**
 * The new subjects of consecutive lines, written together: one multi-row insert of the subjects, one of their
 * facts, one of their relations and one audit entry for them all, instead of about ten statements a subject.
 * The session writes them before anything that could depend on them: a line naming one of them, a line that
 * changes an existing subject, a record, the end of the batch. Ids follow line order, as one by one.
 */
export class NewSubjects {
  private queue: NewSubject[] = [];
  private readonly keys = new Set<string>();
  private results: LineResult[] = [];

  /** Starts a batch: a queued line's answer goes to `results` when its subject is written. */
  begin(results: LineResult[]): void {
    this.queue = [];
    this.keys.clear();
    this.results = results;
  }
  has(key: string): boolean {
    return this.keys.has(key);
  }
  add(s: NewSubject): void {
    this.queue.push(s);
    this.keys.add(s.key);
  }

  /** Writes the queued subjects with their facts and relations, and commits them in one audit entry. */
  async flush(deps: SubjectDeps, tx: Tx): Promise<void> {
    const q = this.queue;
    if (q.length === 0) return;
    this.queue = [];
    this.keys.clear();
    const ids = await tx.insertSubjects(q.map((s) => s.row));
    await tx.appendRegistryFacts(q.flatMap((s, i) => s.facts.map((f) => ({ ...f, subject_id: ids[i]! }))));
    await tx.setRelations(
      q.flatMap((s, i) =>
        s.facts.flatMap((f) =>
          isRole(f.fact) && f.related_id !== null
            ? [{ org_id: ids[i]!, role: f.fact, person_id: f.related_id }]
            : [],
        ),
      ),
    );
    const refs: string[] = [];
    q.forEach((s, i) => {
      const id = ids[i]!;
      if (s.row.usci) deps.byUsci.set(s.row.usci, { ...s.row, id });
      if (s.row.id_hash) deps.byHash.set(s.row.id_hash, { ...s.row, id });
      deps.registered.push(id);
      this.results[s.index] = s.answer(id);
      refs.push(s.row.usci ?? personRef(id));
    });
    if (q.length === 1) await audit(tx, deps.ctx, 'subject.register', ids[0]!, q[0]!.detail);
    else
      await audit(tx, deps.ctx, 'subjects.register', null, {
        count: q.length,
        subjects: q.length <= 20 ? refs : undefined,
        digest: sha256(refs.join('\n')),
      });
  }
}

/** `effective_from` of a subject line: a date not in the future; absent, the time it is recorded. */
function effectiveFrom(l: Record<string, unknown>, now: number): number {
  const t = text(l, 'effective_from');
  if (t === undefined) return now;
  const at = parseInstant(t);
  if (at === undefined)
    reject(
      'input.invalid_date',
      'effective_from',
      `effective_from "${t}" is not a date (YYYY-MM-DD) or an ISO 8601 date-time with a zone`,
    );
  if (at > now)
    reject(
      'registry.future_date',
      'effective_from',
      `effective_from ${t} is in the future: record a registry change once it has taken effect`,
    );
  return at;
}

/** The value of a fact in force at `at`: the latest effective by then (at the same date, the later recorded). */
function inForce(facts: readonly RegistryFactRow[], kind: RegistryFactKind, at: number) {
  let best: RegistryFactRow | undefined;
  for (const f of facts)
    if (f.fact === kind && f.effective_at <= at && (!best || f.effective_at >= best.effective_at)) best = f;
  return best ? { value: best.value, related: best.related_id } : undefined;
}

function fact(
  deps: SubjectDeps,
  kind: RegistryFactKind,
  v: Partial<NewFact>,
  at: number,
  now: number,
): NewFact {
  return {
    fact: kind,
    value: v.value ?? null,
    related_id: v.related_id ?? null,
    effective_at: at,
    recorded_at: now,
    actor: deps.ctx.actor,
    source: deps.source,
  };
}

/** The facts of a line that differ from what the ledger holds at their effective date: only those are appended. */
function changes(existing: readonly RegistryFactRow[], wanted: readonly NewFact[]): NewFact[] {
  return wanted.filter((w) => {
    const cur = inForce(existing, w.fact, w.effective_at);
    return !cur || cur.value !== w.value || cur.related !== w.related_id;
  });
}

/**
 * A person line written by an admin or a registry source: registered (queued with the batch's other new subjects:
 * no answer until they are written), or a dated change of name.
 */
export async function registerPerson(
  deps: SubjectDeps,
  tx: Tx,
  l: Record<string, unknown>,
  now: number,
  index: number,
): Promise<Answer> {
  const { hash, name } = personLine(deps, l);
  const at = effectiveFrom(l, now);
  const existing = await deps.personByHash(tx, hash);
  if (existing) {
    await deps.fresh.flush(deps, tx);
    const id = Number(existing.id);
    const facts = await tx.registryFactsOf([id]);
    const add = changes(facts, [fact(deps, 'name', { value: name }, at, now)]);
    if (add.length === 0) return { ok: true, status: 'unchanged', what: `person ${personRef(id)}` };
    await tx.appendRegistryFacts(add.map((f) => ({ ...f, subject_id: id })));
    const current = inForce([...facts, ...withSeq(id, add, facts)], 'name', now)?.value ?? existing.name;
    if (current !== existing.name) {
      await tx.updateSubject(id, { name: current });
      deps.byHash.set(hash, { ...existing, name: current });
    }
    await audit(tx, deps.ctx, 'subject.update', id, { name, effective_at: formatInstant(at) });
    return { ok: true, status: 'updated', what: `person ${personRef(id)}` };
  }
  deps.fresh.add({
    index,
    key: `p:${hash}`,
    row: { kind: 'person', usci: null, id_hash: hash, name, parent_id: null, created_at: now },
    facts: [fact(deps, 'name', { value: name }, at, now)],
    detail: { kind: 'person' },
    answer: (id) => ({ ok: true, status: 'created', what: `person ${personRef(id)}` }),
  });
  return undefined;
}

/** Reads a person line's national identity number (as its keyed hash) and name. */
export function personLine(deps: SubjectDeps, l: Record<string, unknown>): { hash: string; name: string } {
  const nid = text(l, 'national_id', { required: true })!;
  const c = checkNationalId(nid, deps.ctx.clock.now());
  if (!c.ok) reject('subject.invalid_national_id', 'national_id', `national_id: ${c.message}`);
  const name = text(l, 'name', { required: true, max: 200 })!;
  return { hash: deps.ctx.hashNationalId(nid), name };
}

/** Registers a new person with the fact of its name. */
export async function insertPerson(
  deps: SubjectDeps,
  tx: Tx,
  hash: string,
  name: string,
  at: number,
  now: number,
): Promise<number> {
  const row = { kind: 'person' as const, usci: null, id_hash: hash, name, parent_id: null, created_at: now };
  const id = await tx.insertSubject(row);
  deps.byHash.set(hash, { ...row, id });
  deps.registered.push(id);
  await tx.appendRegistryFacts([{ ...fact(deps, 'name', { value: name }, at, now), subject_id: id }]);
  await audit(tx, deps.ctx, 'subject.register', id, { kind: 'person' });
  return id;
}

/** Registers a new organization with the fact of its name (and nothing else). */
export async function insertOrganization(
  deps: SubjectDeps,
  tx: Tx,
  usci: string,
  name: string,
  now: number,
): Promise<number> {
  const row = {
    kind: 'organization' as const,
    usci,
    id_hash: null,
    name,
    parent_id: null,
    created_at: now,
  };
  const id = await tx.insertSubject(row);
  deps.byUsci.set(usci, { ...row, id });
  deps.registered.push(id);
  await tx.appendRegistryFacts([{ ...fact(deps, 'name', { value: name }, now, now), subject_id: id }]);
  await audit(tx, deps.ctx, 'subject.register', id, { kind: 'organization', usci, name, parent: null });
  return id;
}

/** Reads an organization line's USCI and name. */
export function organizationLine(
  deps: SubjectDeps,
  l: Record<string, unknown>,
): { usci: string; name: string } {
  const usci = text(l, 'usci', { required: true })!;
  const c = checkUsci(usci, deps.exceptions);
  if (!c.ok) reject('subject.invalid_usci', 'usci', `usci: ${c.message}`);
  return { usci, name: text(l, 'name', { required: true, max: 300 })! };
}

/**
 * An organization line written by an admin or a registry source: registered (queued, as a new person is), or
 * dated changes of its name, parent, legal representative or actual controller, each appended as a fact; a
 * change re-derives it.
 */
export async function registerOrganization(
  deps: SubjectDeps,
  tx: Tx,
  l: Record<string, unknown>,
  now: number,
  index: number,
): Promise<Answer> {
  const { usci, name } = organizationLine(deps, l);
  const at = effectiveFrom(l, now);
  let parentId: number | null = null;
  const parent = text(l, 'parent');
  if (parent !== undefined) {
    if (parent === usci)
      reject('subject.invalid_parent', 'parent', 'an organization cannot be its own parent');
    const p = await deps.orgByUsci(tx, parent);
    if (!p)
      reject(
        'subject.unknown_parent',
        'parent',
        `parent ${parent} is not registered (register the headquarters first)`,
      );
    parentId = Number(p.id);
  }
  const wanted: NewFact[] = [fact(deps, 'name', { value: name }, at, now)];
  if (parentId !== null) wanted.push(fact(deps, 'parent', { related_id: parentId }, at, now));
  for (const role of ['legal_representative', 'actual_controller'] as const) {
    const nid = text(l, role);
    if (nid === undefined) continue;
    const pc = checkNationalId(nid, now);
    if (!pc.ok) reject('subject.invalid_national_id', role, `${role}: ${pc.message}`);
    const person = await deps.personByHash(tx, deps.ctx.hashNationalId(nid));
    if (!person)
      reject(
        'subject.unknown_person',
        role,
        `${role}: this person is not registered (register the person first)`,
      );
    wanted.push(fact(deps, role, { related_id: Number(person.id) }, at, now));
  }
  const existing = await deps.orgByUsci(tx, usci);
  if (!existing) {
    deps.fresh.add({
      index,
      key: `o:${usci}`,
      row: { kind: 'organization', usci, id_hash: null, name, parent_id: parentId, created_at: now },
      facts: wanted,
      detail: { kind: 'organization', usci, name, parent: parent ?? null, effective_at: formatInstant(at) },
      answer: () => ({ ok: true, status: 'created', what: `organization ${usci}` }),
    });
    return undefined;
  }
  await deps.fresh.flush(deps, tx);
  const id = Number(existing.id);
  if (parentId !== null) await assertNoCycle(tx, id, parentId);
  const facts = await tx.registryFactsOf([id]);
  const add = changes(facts, wanted);
  if (add.length === 0) return { ok: true, status: 'unchanged', what: `organization ${usci}` };
  await tx.appendRegistryFacts(add.map((f) => ({ ...f, subject_id: id })));
  // the current state (subjects, relations) follows the facts in force now; a backdated fact may leave it as it is
  const all = [...facts, ...withSeq(id, add, facts)];
  const curName = inForce(all, 'name', now)?.value ?? existing.name;
  const curParent = inForce(all, 'parent', now)?.related ?? null;
  const oldParent = existing.parent_id === null ? null : Number(existing.parent_id);
  if (curName !== existing.name || curParent !== oldParent) {
    await tx.updateSubject(id, { name: curName, parent_id: curParent });
    deps.byUsci.set(usci, { ...existing, name: curName, parent_id: curParent });
  }
  const relations = await tx.relationsOfOrgs([id]);
  for (const role of ['legal_representative', 'actual_controller'] as const) {
    const person = inForce(all, role, now)?.related;
    if (person === undefined || person === null) continue;
    if (relations.some((r) => r.role === role && Number(r.person_id) === person)) continue;
    await tx.setRelation({ org_id: id, role, person_id: person });
  }
  await audit(tx, deps.ctx, 'subject.update', id, {
    kind: 'organization',
    usci,
    changed: add.map((f) => f.fact),
    effective_at: formatInstant(at),
  });
  // the organization, its old and new parents (a branch's records reach them) are derived again
  const touched = await affectedBy(tx, [id, ...(oldParent === null ? [] : [oldParent])], []);
  await recompute(tx, deps.versions(), touched, now);
  return { ok: true, status: 'updated', what: `organization ${usci}` };
}

/** Appended facts as the ledger will hold them (their order after the existing ones). */
function withSeq(id: number, add: readonly NewFact[], facts: readonly RegistryFactRow[]): RegistryFactRow[] {
  const last = facts.reduce((m, f) => Math.max(m, f.seq), 0);
  return add.map((f, i) => ({ ...f, subject_id: id, seq: last + 1 + i }));
}

async function assertNoCycle(tx: Tx, id: number, parentId: number): Promise<void> {
  let cur: number | null = parentId;
  const seen = new Set<number>();
  while (cur !== null && !seen.has(cur)) {
    if (cur === id)
      reject('subject.invalid_parent', 'parent', 'this parent would make the organization its own ancestor');
    seen.add(cur);
    const [row] = await tx.subjectsById([cur]);
    cur = row?.parent_id === null || row?.parent_id === undefined ? null : Number(row.parent_id);
  }
}
