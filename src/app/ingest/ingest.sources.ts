import { checkUsci } from '../../domain/usci.ts';
import { domainEntry, notPermittedMessage } from '../../rules/domains.ts';
import { CAPTURE_CATEGORIES, protectedCategoryOf } from '../../rules/guardrails.ts';
import { audit } from '../audit/audit.log.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { SourceRow, Tx } from '../ports/ports.store.ts';
import type { LineResult } from './ingest.input.ts';
import { evidenceOf, reject, text } from './ingest.input.ts';

/** A source line: registered, updated (name or domains) or unchanged; the session's cache is kept in step. */
export async function registerSource(
  tx: Tx,
  ctx: AppContext,
  sources: Map<string, SourceRow>,
  l: Record<string, unknown>,
  now: number,
): Promise<LineResult> {
  const id = text(l, 'id', { required: true, max: 64 })!;
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(id))
    reject('source.invalid_id', 'id', 'source ids use letters, digits, ".", "_" and "-"');
  const name = text(l, 'name', { required: true, max: 200 })!;
  // DESIGN §4: no ingestion of camera, face, gait or social-media-speech data — nor a source that says it brings
  // such data (a health commission or a court may be a source: only the capture of such data is refused here)
  for (const [field, value] of [
    ['id', id],
    ['name', name],
  ] as const) {
    const c = protectedCategoryOf(value);
    if (c && CAPTURE_CATEGORIES.has(c))
      reject(
        'source.surveillance',
        field,
        `source ${field} "${value}" names ${c}: the registry does not ingest such data, nor register a source of it`,
      );
  }
  const domains = l.domains;
  if (
    !Array.isArray(domains) ||
    domains.length === 0 ||
    !domains.every((d) => typeof d === 'string' && d.length > 0)
  )
    reject('input.wrong_type', 'domains', 'domains must be a non-empty list of record domains');
  for (const d of domains as string[]) {
    if (domainEntry(d)) continue;
    const category = protectedCategoryOf(d);
    reject(
      'source.domain_not_permitted',
      'domains',
      category
        ? `domain "${d}" names a protected category (${category}): such data can never be recorded`
        : notPermittedMessage(d),
    );
  }
  const row: SourceRow = { id, name, domains: JSON.stringify([...domains].sort()), created_at: now };
  const same = (s: SourceRow | undefined) => s && s.name === name && s.domains === row.domains;
  let existing = sources.get(id);
  if (same(existing)) return { ok: true, status: 'unchanged', what: `source ${id}` };
  // a write: take the audit lock first and look again, so that a concurrent registration of the same source
  // has committed and is seen (reported unchanged, not created twice)
  await tx.lockAudit();
  existing = (await tx.sources()).find((s) => s.id === id);
  if (existing) sources.set(id, existing);
  if (same(existing)) return { ok: true, status: 'unchanged', what: `source ${id}` };
  await tx.upsertSource(existing ? { ...row, created_at: existing.created_at } : row);
  sources.set(id, row);
  await audit(tx, ctx, existing ? 'source.update' : 'source.register', null, { id, name, domains });
  return { ok: true, status: existing ? 'updated' : 'created', what: `source ${id}` };
}

/** A USCI exception line: an evidenced, non-conforming code that may then be registered. */
export async function registerException(
  tx: Tx,
  ctx: AppContext,
  exceptions: Set<string>,
  l: Record<string, unknown>,
  now: number,
): Promise<LineResult> {
  const usci = text(l, 'usci', { required: true })!;
  const evidence = evidenceOf(l);
  const reason = text(l, 'reason', { required: true, max: 500 })!;
  const c = checkUsci(usci);
  if (c.ok) reject('usci.not_an_exception', 'usci', `${usci} is a valid USCI; it needs no exception`);
  if (c.position !== 18 && c.position !== 17)
    reject('usci.invalid', 'usci', `only a checksum failure can be excepted: ${c.message}`);
  // the list is read, changed and written back: serialised on the audit lock, no concurrent addition is lost
  await tx.lockAudit();
  const list = JSON.parse((await tx.getMeta('usci_exceptions')) ?? '[]') as { usci: string }[];
  if (list.some((e) => e.usci === usci))
    return { ok: true, status: 'unchanged', what: `usci exception ${usci}` };
  list.push({ usci, evidence, reason, added_at: now } as { usci: string });
  await tx.setMeta('usci_exceptions', JSON.stringify(list));
  exceptions.add(usci);
  await audit(tx, ctx, 'usci_exception.add', null, { usci, evidence, reason });
  return { ok: true, status: 'created', what: `usci exception ${usci}` };
}
