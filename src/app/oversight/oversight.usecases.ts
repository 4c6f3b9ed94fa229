import { formatInstant } from '../../domain/time.ts';
import { regionOf, sectorOf } from '../../domain/usci.ts';
import { verifyAudit } from '../audit/audit.log.ts';
import { decodeState } from '../derive/derive.state.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import { subjectBatches } from '../ports/ports.batches.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { CaseRow } from '../ports/ports.due-process.ts';

const DAY = 86_400_000;
const BATCH = 500;

export interface MonthStats {
  /** `YYYY-MM` (UTC). */
  readonly month: string;
  /** List entries that took effect this month, by list kind (black, red, warning). */
  readonly listings: Record<string, number>;
  /** List entries that ended this month, by exit reason (max, repair, annulled, condition, escalated). */
  readonly removals: Record<string, number>;
  /** Repair applications approved this month. */
  repairs: number;
  /** Objections decided this month, by outcome. */
  readonly objections: { upheld: number; annulled: number };
}

export interface SourceOutcomes {
  readonly source: string;
  readonly objections: { filed: number; open: number; upheld: number; annulled: number };
  /** annulled ÷ decided objections; null when none has been decided. */
  readonly overturn_rate: number | null;
  readonly repairs: { filed: number; open: number; approved: number; rejected: number };
}

export interface DecisionTimes {
  readonly decided: number;
  readonly open: number;
  /** Open cases past their deadline now. */
  readonly open_overdue: number;
  /** Decided cases decided after their deadline. */
  readonly decided_late: number;
  readonly median_days: number | null;
  readonly p90_days: number | null;
  readonly mean_days: number | null;
  /** Decided cases by how long they took: ≤1, ≤7, ≤14, ≤30, >30 days. */
  readonly buckets: readonly { readonly label: string; readonly count: number }[];
}

export interface OversightStats {
  readonly generated_at: string;
  readonly subjects: { readonly organizations: number; readonly persons: number };
  readonly months: readonly MonthStats[];
  readonly totals: {
    readonly listed_now: Record<string, number>;
    readonly listings: number;
    readonly removals: number;
    readonly repairs: number;
  };
  readonly by_source: readonly SourceOutcomes[];
  readonly time_to_decision: { readonly objection: DecisionTimes; readonly repair: DecisionTimes };
  readonly grades: readonly string[];
  /** Organizations by sector (from the USCI) and grade; persons are counted under `person`. */
  readonly grades_by_sector: Record<string, Record<string, number>>;
  /** Organizations by province code (USCI positions 3–4) and grade. */
  readonly grades_by_region: Record<string, Record<string, number>>;
  readonly audit: { readonly ok: boolean; readonly entries: number } | null;
}

function monthOf(t: number): string {
  return formatInstant(t).slice(0, 7);
}

function lastMonths(now: number, n: number): string[] {
  const d = new Date(now);
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1));
    out.push(formatInstant(m.getTime()).slice(0, 7));
  }
  return out;
}

function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return Math.round(sorted[i]! * 10) / 10;
}

function times(cases: readonly CaseRow[], now: number): DecisionTimes {
  const took: number[] = [];
  let open = 0;
  let openOverdue = 0;
  let late = 0;
  for (const c of cases) {
    if (c.status === 'open') {
      open++;
      if (Number(c.deadline) < now) openOverdue++;
      continue;
    }
    const d = (Number(c.decided_at) - Number(c.opened_at)) / DAY;
    took.push(d);
    if (Number(c.decided_at) > Number(c.deadline)) late++;
  }
  took.sort((a, b) => a - b);
  const edges = [
    { label: '≤ 1 d', max: 1 },
    { label: '≤ 7 d', max: 7 },
    { label: '≤ 14 d', max: 14 },
    { label: '≤ 30 d', max: 30 },
    { label: '> 30 d', max: Number.POSITIVE_INFINITY },
  ];
  const buckets = edges.map((e) => ({ label: e.label, count: 0 }));
  for (const d of took) {
    const i = edges.findIndex((e) => d <= e.max);
    buckets[i]!.count++;
  }
  return {
    decided: took.length,
    open,
    open_overdue: openOverdue,
    decided_late: late,
    median_days: quantile(took, 0.5),
    p90_days: quantile(took, 0.9),
    mean_days: took.length ? Math.round((took.reduce((s, x) => s + x, 0) / took.length) * 10) / 10 : null,
    buckets,
  };
}

/**
 * The one place oversight numbers are computed (the oversight page, its public summary and its JSON): list
 * entries and exits per month, repairs, objection outcomes and overturn rates per source, time to decision,
 * and the grade distribution by sector and region. Aggregates only: no subject is named.
 * It walks the projection of every subject in batches (cost grows with the population).
 */
export async function oversightStats(
  ctx: AppContext,
  opts: { months?: number; verifyAuditLog?: boolean } = {},
): Promise<OversightStats> {
  const now = ctx.clock.now();
  const monthKeys = lastMonths(now, opts.months ?? 24);
  const months = new Map<string, MonthStats>(
    monthKeys.map((m) => [
      m,
      { month: m, listings: {}, removals: {}, repairs: 0, objections: { upheld: 0, annulled: 0 } },
    ]),
  );
  const bump = (r: Record<string, number>, k: string, n = 1) => {
    r[k] = (r[k] ?? 0) + n;
  };
  const row = (m: Record<string, Record<string, number>>, k: string) => {
    const r = m[k] ?? {};
    m[k] = r;
    return r;
  };
  const versions = await ctx.store.transaction((tx) => activeRulebooks(tx));
  const grades = versions.at(now).grades.map((g) => g.grade);
  const bySector: Record<string, Record<string, number>> = {};
  const byRegion: Record<string, Record<string, number>> = {};
  const listedNow: Record<string, number> = {};
  const allCases: CaseRow[] = [];
  let orgs = 0;
  let persons = 0;
  let listings = 0;
  let removals = 0;
  for await (const ids of subjectBatches(ctx.store, BATCH)) {
    await ctx.store.transaction(async (tx) => {
      const subjects = new Map((await tx.subjectsById(ids)).map((s) => [Number(s.id), s]));
      for (const d of await tx.derivedOf(ids)) {
        const s = subjects.get(Number(d.subject_id));
        if (!s) continue;
        if (s.kind === 'organization' && s.usci) {
          orgs++;
          bump(row(bySector, sectorOf(s.usci)), d.grade);
          bump(row(byRegion, regionOf(s.usci)), d.grade);
        } else {
          persons++;
          bump(row(bySector, 'person'), d.grade);
        }
        for (const e of decodeState(d.state, versions.byHash).entries) {
          if (e.lapsed) continue;
          if (e.since <= now && now < e.until) bump(listedNow, e.kind);
          const ms = months.get(monthOf(e.since));
          if (e.since <= now) {
            listings++;
            if (ms) bump(ms.listings, e.kind);
          }
          if (Number.isFinite(e.until) && e.until <= now) {
            removals++;
            const me = months.get(monthOf(e.until));
            if (me) bump(me.removals, e.exit);
          }
        }
      }
      for (const id of ids) allCases.push(...(await tx.casesOf(id)));
    });
  }
  const sources = new Map<string, SourceOutcomes>();
  const sourceOf = (id: string) => {
    let s = sources.get(id);
    if (!s) {
      s = {
        source: id,
        objections: { filed: 0, open: 0, upheld: 0, annulled: 0 },
        overturn_rate: null,
        repairs: { filed: 0, open: 0, approved: 0, rejected: 0 },
      };
      sources.set(id, s);
    }
    return s;
  };
  let repairs = 0;
  for (const c of allCases) {
    const s = sourceOf(c.source);
    const decidedMonth = c.decided_at === null ? undefined : months.get(monthOf(Number(c.decided_at)));
    if (c.kind === 'objection') {
      s.objections.filed++;
      if (c.status === 'open') s.objections.open++;
      else if (c.status === 'upheld') {
        s.objections.upheld++;
        if (decidedMonth) decidedMonth.objections.upheld++;
      } else if (c.status === 'annulled') {
        s.objections.annulled++;
        if (decidedMonth) decidedMonth.objections.annulled++;
      }
    } else {
      s.repairs.filed++;
      if (c.status === 'open') s.repairs.open++;
      else if (c.status === 'approved') {
        s.repairs.approved++;
        repairs++;
        if (decidedMonth) decidedMonth.repairs++;
      } else if (c.status === 'rejected') s.repairs.rejected++;
    }
  }
  const bySource = [...sources.values()]
    .map((s) => {
      const decided = s.objections.upheld + s.objections.annulled;
      return { ...s, overturn_rate: decided === 0 ? null : s.objections.annulled / decided };
    })
    .sort((a, b) => a.source.localeCompare(b.source));
  let auditState: OversightStats['audit'] = null;
  if (opts.verifyAuditLog) {
    const v = await ctx.store.transaction((tx) => verifyAudit(tx));
    auditState = { ok: v.ok, entries: v.entries };
  }
  return {
    generated_at: formatInstant(now),
    subjects: { organizations: orgs, persons },
    months: [...months.values()],
    totals: { listed_now: listedNow, listings, removals, repairs },
    by_source: bySource,
    time_to_decision: {
      objection: times(
        allCases.filter((c) => c.kind === 'objection'),
        now,
      ),
      repair: times(
        allCases.filter((c) => c.kind === 'repair'),
        now,
      ),
    },
    grades,
    grades_by_sector: bySector,
    grades_by_region: byRegion,
    audit: auditState,
  };
}
