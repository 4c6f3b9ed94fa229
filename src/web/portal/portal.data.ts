import { decodeState } from '../../app/derive/derive.usecases.ts';
import { activeRulebooks } from '../../app/governance/governance.rulebooks.ts';
import type { AppContext } from '../../app/ports/ports.context.ts';
import type { ScoreView } from '../../app/queries/queries.usecases.ts';
import { regionOf, sectorOf } from '../../domain/usci.ts';
import { activeAt, type ListEntry } from '../../rules/lists.ts';
import type { Rulebook } from '../../rules/rulebook.model.ts';
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
  let after = 0;
  for (;;) {
    const ids = await ctx.store.subjectIdsAfter(after, 1000);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    const hits: { id: number; entry: ListEntry }[] = [];
    for (const d of await ctx.store.derivedOf(ids)) {
      for (const e of activeAt(decodeState(d.state).entries, now))
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
export async function recordTitles(ctx: AppContext, subjectIds: readonly number[], versions: RulebookSet) {
  const titles = new Map<string, string>();
  for (const r of await ctx.store.recordsOf(subjectIds)) {
    const title = versions.latest.recordTypes.get(r.type)?.title ?? r.type;
    titles.set(
      `${r.source}/${r.record_id}`,
      `${title} (${r.source}/${r.record_id}, ${day(Number(r.occurred_at))})`,
    );
  }
  return (key: string) => titles.get(key) ?? key;
}

/** The records of an organization that count now and whose type is public, newest first, with their points. */
export async function publicRecords(
  ctx: AppContext,
  subjectId: number,
  score: ScoreView,
  rb: Rulebook,
): Promise<PublicRecord[]> {
  const rows = new Map(
    (await ctx.store.recordsOf([subjectId])).map((r) => [`${r.source}/${r.record_id}`, r]),
  );
  const records: PublicRecord[] = [];
  for (const c of score.contributions) {
    if (c.rule !== null || c.path !== 'self') continue;
    const type = rb.recordTypes.get(c.type);
    if (!type?.public) continue;
    const key = `${c.source}/${c.record}`;
    const row = rows.get(key);
    if (!row) continue;
    records.push({
      key,
      title: type.title,
      type: c.type,
      occurred: Number(row.occurred_at),
      points: score.contributions
        .filter((x) => x.record === c.record && x.source === c.source && x.path === 'self')
        .reduce((sum, x) => sum + x.points, 0),
      until: c.until,
      legal_basis: row.legal_basis,
    });
  }
  return records.sort((a, b) => b.occurred - a.occurred);
}
