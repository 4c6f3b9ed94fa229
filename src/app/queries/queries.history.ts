import { addDuration, parseDuration } from '../../domain/duration.ts';
import { formatInstant } from '../../domain/time.ts';
import { gradeOf } from '../../rules/rulebook.model.ts';
import { type Contribution, type Item, Timeline } from '../../rules/scorer.ts';
import { audit } from '../audit/audit.log.ts';
import { loadFiles, refOf } from '../derive/derive.files.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import type { AppContext } from '../ports/ports.context.ts';
import { publishedAt } from './queries.public.ts';
import { findSubject } from './queries.usecases.ts';

/** Why the score moved at one moment: a record that started or stopped counting, or changed its points. */
export interface HistoryCause {
  readonly record: string;
  readonly source: string;
  readonly type: string;
  readonly title: string;
  readonly change: 'starts' | 'stops' | 'repaired' | 'annulled' | 'suspended' | 'changes';
  /** Points gained (+) or lost (−) by the score at this moment because of this record. */
  readonly delta: number;
  /** Whether the record is published on the public portal at the end of the history (its publication span). */
  readonly public: boolean;
  /** `self`, `branch:…` or `on_behalf_of:…` (how the record reaches the subject). */
  readonly path: string;
}

export interface HistoryPoint {
  readonly at: string;
  readonly score: number;
  readonly grade: string;
  readonly causes: readonly HistoryCause[];
}

export interface ScoreHistory {
  readonly subject: string;
  readonly kind: 'person' | 'organization';
  readonly from: string;
  readonly to: string;
  /** The first point is the score at `from`; then one point at every moment the score could change. */
  readonly points: readonly HistoryPoint[];
  readonly scale: { readonly min: number; readonly max: number; readonly base: number };
  readonly grades: readonly { readonly grade: string; readonly min: number }[];
  readonly versions: readonly { readonly name: string; readonly version: string; readonly from: string }[];
}

const iso = (t: number) => formatInstant(t);

function changeOf(item: Item, before: Contribution | null, after: Contribution | null, t: number) {
  const r = item.rec;
  if (before && !after) {
    if (r.annulledAt === t) return 'annulled' as const;
    if (r.repairedAt === t) return 'repaired' as const;
    if (r.suspended.some((s) => s.from === t)) return 'suspended' as const;
    return 'stops' as const;
  }
  if (!before && after) return 'starts' as const;
  return 'changes' as const;
}

/**
 * A subject's score over the last `years` (default 3) up to `at` (default now), as the ledger reads now
 * (annulled records never drawn), with the records that moved it. Computed from the ledger by
 * the same Timeline that scores it.
 */
export async function scoreHistory(
  ctx: AppContext,
  ref: string,
  opts: { years?: number; at?: number } = {},
): Promise<ScoreHistory> {
  return ctx.store.transaction(async (tx) => {
    const s = await findSubject(ctx, tx, ref);
    const versions = await activeRulebooks(tx);
    const id = Number(s.id);
    const to = opts.at ?? ctx.clock.now();
    const from = addDuration(to, parseDuration(`P${opts.years ?? 3}Y`).value!, -1);
    const { files } = await loadFiles(tx, versions, [id]);
    const tl = new Timeline(files.get(id)!, versions);
    // as the ledger now reads: an annulled record never counted and is never drawn; a record reported late
    // counts from when it occurred (a score is information; only sanctions wait for the notice)
    const at = (t: number) => tl.scoreAt(t);
    const points: HistoryPoint[] = [];
    const first = at(from);
    points.push({ at: iso(from), score: first.score, grade: first.grade, causes: [] });
    let last = first.score;
    for (const t of tl.changeTimes()) {
      if (t <= from || t > to) continue;
      const now = at(t);
      const causes: HistoryCause[] = [];
      for (const item of tl.items) {
        if (item.rec.annulledAt !== undefined) continue;
        const before = tl.contribution(item, t - 1);
        const after = tl.contribution(item, t);
        const delta = (after?.points ?? 0) - (before?.points ?? 0);
        if (delta === 0 && Boolean(before) === Boolean(after)) continue;
        const v = (after ?? before)!.scored.version;
        const type = v.recordTypes.get(item.rec.type);
        causes.push({
          record: item.rec.id,
          source: item.rec.source,
          type: item.rec.type,
          title: type?.title ?? item.rec.type,
          change: changeOf(item, before, after, t),
          delta: Math.round(delta * 100) / 100,
          // shown by name to the public only inside its publication span as it stands at the end of the view
          public: item.via === 'own' && publishedAt(versions, item.rec, to) !== undefined,
          path: item.path,
        });
      }
      if (now.score === last && causes.length === 0) continue;
      points.push({ at: iso(t), score: now.score, grade: now.grade, causes });
      last = now.score;
    }
    const end = at(to);
    if (points[points.length - 1]!.at !== iso(to))
      points.push({ at: iso(to), score: end.score, grade: gradeOf(end.version, end.score), causes: [] });
    if (s.kind === 'person') await audit(tx, ctx, 'subject.read_history', id, { from, to });
    const rb = versions.at(to);
    return {
      subject: refOf(s),
      kind: s.kind,
      from: iso(from),
      to: iso(to),
      points,
      scale: rb.scale,
      grades: rb.grades.map((g) => ({ grade: g.grade, min: g.min })),
      versions: versions.versions.map((v) => ({
        name: v.name,
        version: v.version,
        from: iso(v.effectiveFrom),
      })),
    };
  });
}
