import { decodeState } from '../../app/derive/derive.state.ts';
import { activeRulebooks } from '../../app/governance/governance.rulebooks.ts';
import type { AppContext } from '../../app/ports/ports.context.ts';
import { publicRecordsOf } from '../../app/queries/queries.public.ts';
import { regionOf, sectorOf } from '../../domain/usci.ts';
import { activeAt, type ListEntry } from '../../rules/lists.ts';
import { type Rulebook, textIn } from '../../rules/rulebook.model.ts';
import type { RulebookSet } from '../../rules/versions.ts';
import { day } from '../components/format.tsx';

/** What the public pages read: entries in force on public lists, public records, record titles. */

export interface ListedSubject {
  readonly id: number;
  readonly name: string;
  readonly usci: string | null;
  readonly sector: string;
  readonly region: string;
  readonly entry: ListEntry;
}

export interface PublicRecord {
  readonly key: string;
  readonly title: string;
  readonly type: string;
  readonly occurred: number;
  readonly points: number;
  readonly until: string | null;
  readonly legal_basis: string;
}

/**
 * Public entries in force now on the lists of the given names, newest first. Walks every subject's projection
 * (fine for a municipal registry; a store index of list membership would serve a national one).
 */
export async function publicEntries(ctx: AppContext, lists: ReadonlySet<string>): Promise<ListedSubject[]> {
  const now = ctx.clock.now();
  const out: ListedSubject[] = [];
  const versions = await versionsOf(ctx);
  let after = 0;
  for (;;) {
    const ids = await ctx.store.subjectIdsAfter(after, 1000);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    const hits: { id: number; entry: ListEntry }[] = [];
    for (const d of await ctx.store.derivedOf(ids)) {
      for (const e of activeAt(decodeState(d.state, versions.byHash).entries, now))
        if (e.public && lists.has(e.list)) hits.push({ id: Number(d.subject_id), entry: e });
    }
    if (hits.length === 0) continue;
    const subjects = new Map(
      (await ctx.store.subjectsById([...new Set(hits.map((h) => h.id))])).map((s) => [Number(s.id), s]),
    );
    for (const h of hits) {
      const s = subjects.get(h.id);
      if (!s) continue;
      const org = s.kind === 'organization' && s.usci;
      out.push({
        id: h.id,
        name: s.name,
        usci: org ? s.usci : null,
        sector: org ? sectorOf(s.usci!) : 'person',
        region: org ? regionOf(s.usci!) : '',
        entry: h.entry,
      });
    }
  }
  return out.sort((a, b) => b.entry.since - a.entry.since || a.name.localeCompare(b.name));
}

export async function versionsOf(ctx: AppContext): Promise<RulebookSet> {
  return ctx.store.transaction((tx) => activeRulebooks(tx));
}

export function versionOf(versions: RulebookSet, hash: string): Rulebook {
  return versions.versions.find((v) => v.hash === hash) ?? versions.latest;
}

/** Names a record (`source/id`) by its type's title, for the reasons of list entries. */
export async function recordTitles(
  ctx: AppContext,
  subjectIds: readonly number[],
  versions: RulebookSet,
  lang = 'en',
) {
  const titles = new Map<string, string>();
  for (const r of await ctx.store.recordsOf(subjectIds)) {
    const type = versions.latest.recordTypes.get(r.type);
    const title = (type && textIn(type, 'title', lang)) ?? r.type;
    titles.set(
      `${r.source}/${r.record_id}`,
      `${title} (${r.source}/${r.record_id}, ${day(Number(r.occurred_at))})`,
    );
  }
  return (key: string) => titles.get(key) ?? key;
}

/**
 * The records of an organization the public may see now: of a published type and within their publication span
 * under the national severity tiers (app/queries publicRecordsOf), newest first, with their points.
 */
export async function publicRecords(ctx: AppContext, usci: string, at?: number): Promise<PublicRecord[]> {
  return (await publicRecordsOf(ctx, usci, at)).map((r) => ({
    key: r.key,
    title: r.title,
    type: r.type,
    occurred: Date.parse(r.occurred_at),
    points: r.points,
    until: r.published_until,
    legal_basis: r.legal_basis,
  }));
}
