import { checkNationalId } from '../../domain/national-id.ts';
import { checkUsci } from '../../domain/usci.ts';
import type { RulebookSet } from '../../rules/versions.ts';
import { audit } from '../audit/audit.log.ts';
import { affectedBy } from '../derive/derive.files.ts';
import { recompute } from '../derive/derive.usecases.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { SubjectRow, Tx } from '../ports/ports.store.ts';
import type { LineResult } from './ingest.input.ts';
import { reject, text } from './ingest.input.ts';

/** What subject lines need from the session: its caches, and where to put the subjects it created. */
export interface SubjectDeps {
  readonly ctx: AppContext;
  readonly exceptions: ReadonlySet<string>;
  readonly byUsci: Map<string, SubjectRow>;
  readonly byHash: Map<string, SubjectRow>;
  /** Subjects created in this batch: the session gives them their first projection. */
  readonly registered: number[];
  readonly versions: () => RulebookSet;
  readonly orgByUsci: (tx: Tx, usci: string) => Promise<SubjectRow | undefined>;
  readonly personByHash: (tx: Tx, hash: string) => Promise<SubjectRow | undefined>;
}

/** A person line: registered by the keyed hash of the national identity number, or its name updated. */
export async function registerPerson(
  deps: SubjectDeps,
  tx: Tx,
  l: Record<string, unknown>,
  now: number,
): Promise<LineResult> {
  const nid = text(l, 'national_id', { required: true })!;
  const c = checkNationalId(nid);
  if (!c.ok) reject('subject.invalid_national_id', 'national_id', `national_id: ${c.message}`);
  const name = text(l, 'name', { required: true, max: 200 })!;
  const hash = deps.ctx.hashNationalId(nid);
  const existing = await deps.personByHash(tx, hash);
  if (existing) {
    if (existing.name === name) return { ok: true, status: 'unchanged', what: `person ${existing.id}` };
    await tx.updateSubject(Number(existing.id), { name });
    deps.byHash.set(hash, { ...existing, name });
    await audit(tx, deps.ctx, 'subject.update', Number(existing.id), { name });
    return { ok: true, status: 'updated', what: `person ${existing.id}` };
  }
  const row = {
    kind: 'person' as const,
    usci: null,
    id_hash: hash,
    name,
    parent_id: null,
    created_at: now,
  };
  const id = await tx.insertSubject(row);
  deps.byHash.set(hash, { ...row, id });
  deps.registered.push(id);
  await audit(tx, deps.ctx, 'subject.register', id, { kind: 'person' });
  return { ok: true, status: 'created', what: `person ${id}` };
}

/** An organization line: registered or updated (name, parent, related persons); an update re-derives it. */
export async function registerOrganization(
  deps: SubjectDeps,
  tx: Tx,
  l: Record<string, unknown>,
  now: number,
): Promise<LineResult> {
  const usci = text(l, 'usci', { required: true })!;
  const c = checkUsci(usci, deps.exceptions);
  if (!c.ok) reject('subject.invalid_usci', 'usci', `usci: ${c.message}`);
  const name = text(l, 'name', { required: true, max: 300 })!;
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
  const roles: { role: 'legal_representative' | 'actual_controller'; person: number }[] = [];
  for (const role of ['legal_representative', 'actual_controller'] as const) {
    const nid = text(l, role);
    if (nid === undefined) continue;
    const pc = checkNationalId(nid);
    if (!pc.ok) reject('subject.invalid_national_id', role, `${role}: ${pc.message}`);
    const person = await deps.personByHash(tx, deps.ctx.hashNationalId(nid));
    if (!person)
      reject(
        'subject.unknown_person',
        role,
        `${role}: this person is not registered (register the person first)`,
      );
    roles.push({ role, person: Number(person.id) });
  }
  const existing = await deps.orgByUsci(tx, usci);
  let id: number;
  let status: 'created' | 'updated' | 'unchanged' = 'unchanged';
  if (existing) {
    id = Number(existing.id);
    if (parentId !== null) await assertNoCycle(tx, id, parentId);
    if (existing.name !== name || Number(existing.parent_id ?? -1) !== (parentId ?? -1)) {
      await tx.updateSubject(id, { name, parent_id: parentId });
      deps.byUsci.set(usci, { ...existing, name, parent_id: parentId });
      status = 'updated';
    }
  } else {
    const row = {
      kind: 'organization' as const,
      usci,
      id_hash: null,
      name,
      parent_id: parentId,
      created_at: now,
    };
    id = await tx.insertSubject(row);
    deps.byUsci.set(usci, { ...row, id });
    deps.registered.push(id);
    status = 'created';
  }
  const current = await tx.relationsOfOrgs([id]);
  for (const r of roles) {
    if (current.some((c) => c.role === r.role && Number(c.person_id) === r.person)) continue;
    await tx.setRelation({ org_id: id, role: r.role, person_id: r.person });
    if (status === 'unchanged') status = 'updated';
  }
  if (status !== 'unchanged')
    await audit(tx, deps.ctx, status === 'created' ? 'subject.register' : 'subject.update', id, {
      kind: 'organization',
      usci,
      name,
      parent: parent ?? null,
    });
  if (status === 'updated' && existing)
    await recompute(tx, deps.versions(), await affectedBy(tx, [id], []), now);
  return { ok: true, status, what: `organization ${usci}` };
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
