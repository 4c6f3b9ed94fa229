import { formatInstant } from '../../domain/time.ts';
import { knownAtOf, type LedgerRecord } from '../../rules/ledger.model.ts';
import { isPublishedAt, publicationSpan } from '../../rules/publication.ts';
import type { RecordType } from '../../rules/rulebook.model.ts';
import { Timeline } from '../../rules/scorer.ts';
import type { RulebookSet } from '../../rules/versions.ts';
import { loadFiles } from '../derive/derive.files.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import type { AppContext } from '../ports/ports.context.ts';
import { findSubject } from './queries.usecases.ts';

/** One record as the public portal and the public API may show it. */
export interface PublicRecordView {
  readonly key: string;
  readonly type: string;
  readonly title: string;
  readonly occurred_at: string;
  /** Publication ends then at the latest (its severity tier, or the type's own `publish.max`). */
  readonly published_until: string;
  /** Points it costs the score at the moment asked (0 once it no longer counts). */
  readonly points: number;
  readonly legal_basis: string;
}

/**
 * Whether the public may see `rec` at `t`: published under the version in force when the conduct occurred and
 * under the one in force at `t` (the milder wins: a later version cannot lengthen a publication, nor a
 * shorter one be ignored), and known to the registry by then.
 */
export function publishedAt(versions: RulebookSet, rec: LedgerRecord, t: number): RecordType | undefined {
  if (knownAtOf(rec) > t) return undefined;
  const types = [versions.at(rec.occurredAt), versions.at(t)]
    .map((v) => v.recordTypes.get(rec.type))
    .filter((x): x is RecordType => x !== undefined);
  if (types.length === 0 || !types.every((type) => isPublishedAt(type, rec, t))) return undefined;
  return types[types.length - 1];
}

/**
 * An organization's records the public may see at `at` (default now), newest first: its own records only
 * (never a branch's or an agent's), each inside its publication span (DESIGN §4: minor not published, general at
 * most 1 year, serious at most 3 years), not annulled, repaired or suspended. Persons have none: a person is
 * shown publicly only through a list that says so (DESIGN §6).
 */
export async function publicRecordsOf(
  ctx: AppContext,
  usci: string,
  at?: number,
): Promise<PublicRecordView[]> {
  return ctx.store.transaction(async (tx) => {
    const s = await findSubject(ctx, tx, usci);
    if (s.kind !== 'organization') return [];
    const t = at ?? ctx.clock.now();
    const versions = await activeRulebooks(tx);
    const id = Number(s.id);
    const { files } = await loadFiles(tx, versions, [id]);
    const tl = new Timeline(files.get(id)!, versions);
    const out: (PublicRecordView & { occurred: number })[] = [];
    for (const item of tl.items) {
      if (item.via !== 'own') continue;
      const type = publishedAt(versions, item.rec, t);
      const span = type && publicationSpan(type, item.rec);
      if (!type || !span) continue;
      out.push({
        key: item.rec.key,
        type: item.rec.type,
        title: type.title,
        occurred_at: formatInstant(item.rec.occurredAt),
        occurred: item.rec.occurredAt,
        published_until: formatInstant(span.until),
        points: tl.contribution(item, t)?.points ?? 0,
        legal_basis: item.rec.legalBasis,
      });
    }
    return out.sort((a, b) => b.occurred - a.occurred).map(({ occurred: _, ...view }) => view);
  });
}
