import { addDuration } from '../domain/duration.ts';
import { fnv64 } from '../domain/hash.ts';
import { knownAtOf, type LedgerRecord, type SubjectRef } from './ledger.model.ts';
import { conditionEntries } from './lists.condition.ts';
import { type ExitReason, type Grounds, isAdverse, type ListEntry, type Make, plus } from './lists.model.ts';
import type { ListDef, Rulebook } from './rulebook.model.ts';
import type { Timeline } from './scorer.ts';
import { stableSort } from './times.ts';

export type { ExitReason, Grounds, ListEntry } from './lists.model.ts';
export { isAdverse } from './lists.model.ts';

const INF = Number.POSITIVE_INFINITY;

function decisionId(subject: string, list: string, since: number, grounds: Grounds): string {
  const g =
    grounds.kind === 'records'
      ? grounds.records.join(',')
      : grounds.kind === 'escalation'
        ? grounds.from
        : 'condition';
  return `D-${fnv64(`${subject}|${list}|${since}|${g}`)}`;
}

function legalBasisOf(
  l: ListDef,
  rb: Rulebook,
  grounds: Grounds,
  records: ReadonlyMap<string, LedgerRecord>,
): string {
  if (l.legalBasis) return l.legalBasis;
  if (grounds.kind === 'records')
    return grounds.records
      .map((k) => records.get(k)?.legalBasis ?? '')
      .filter(Boolean)
      .join('; ');
  return `${rb.name} ${rb.version}, lists.${l.name}`;
}

/** A subject's list entries, made the same way wherever they are derived (lists.model.ts, Make). */
class EntryMaker implements Make {
  constructor(
    private readonly subject: SubjectRef,
    private readonly byKey: ReadonlyMap<string, LedgerRecord>,
  ) {}
  make(
    l: ListDef,
    rb: Rulebook,
    grounds: Grounds,
    warnedAt: number,
    since: number,
    until: number,
    exit: ExitReason,
    lapsed: boolean,
    extra: Pick<ListEntry, 'resumes' | 'suspendedWhy'> = {},
  ): ListEntry {
    const { subject, byKey } = this;
    const earliest = l.min ? plus(since, l.min) : undefined;
    return {
      ...extra,
      decision: decisionId(subject.ref, l.name, since, grounds),
      list: l.name,
      kind: l.kind,
      title: l.title,
      grounds,
      rulebook: { name: rb.name, version: rb.version, hash: rb.hash },
      legalBasis: legalBasisOf(l, rb, grounds, byKey),
      warnedAt,
      since,
      until,
      exit,
      ...(earliest !== undefined ? { earliestRepair: earliest } : {}),
      lapsed,
      public: subject.kind === 'organization' ? l.public.organization : l.public.person,
    };
  }
}

// An entry grounded on records ends at max, at an approved repair (not before min) or at annulment.
function recordExit(
  l: ListDef,
  since: number,
  grounds: readonly LedgerRecord[],
): { until: number; exit: ExitReason } {
  let until = l.max ? plus(since, l.max) : INF;
  let exit: ExitReason = l.max ? 'max' : 'open';
  for (const r of grounds) {
    if (r.annulledAt !== undefined && r.annulledAt < until) {
      until = Math.max(r.annulledAt, since);
      exit = 'annulled';
    }
    if (r.repairedAt !== undefined) {
      const t = Math.max(r.repairedAt, plus(since, l.min));
      if (t < until) {
        until = t;
        exit = 'repair';
      }
    }
  }
  return { until, exit };
}

/** Every list entry of the subject, past, current and scheduled, given what the ledger holds now. */
export function deriveEntries(tl: Timeline): ListEntry[] {
  const subject = tl.file.subject;
  const byKey = new Map(tl.file.records.map((r) => [r.key, r]));
  const entries: ListEntry[] = [];

  const make = new EntryMaker(subject, byKey);

  const conditionLists = new Set<string>();
  for (const name of tl.versions.listOrder) {
    // enter_on: each record of a listed type lists its subject, after the notice, under the version of its date
    for (const rec of tl.file.records) {
      const rb = tl.versions.at(rec.occurredAt);
      const l = rb.lists.get(name);
      if (!l?.enterOn.includes(rec.type)) continue;
      // no sanction before notice: the warning is given when the registry could first give it (DESIGN §5)
      const warnedAt = isAdverse(l.kind) ? knownAtOf(rec) : rec.occurredAt;
      if (rec.annulledAt !== undefined && rec.annulledAt <= warnedAt) continue;
      const since = plus(warnedAt, l.notice);
      const grounds: Grounds = { kind: 'records', records: [rec.key] };
      const gone = Math.min(rec.annulledAt ?? INF, rec.repairedAt ?? INF);
      if (gone <= since) {
        entries.push(
          make.make(
            l,
            rb,
            grounds,
            warnedAt,
            since,
            gone,
            rec.annulledAt === gone ? 'annulled' : 'repair',
            true,
          ),
        );
        continue;
      }
      const { until, exit } = recordExit(l, since, [rec]);
      entries.push(...segments(l, rb, grounds, warnedAt, since, until, exit, [rec], make));
    }
    // escalations into this list from entries already derived (sources come first in listOrder)
    for (const src of [...entries]) {
      if (src.lapsed) continue;
      const srcDef = tl.versions.at(src.since).lists.get(src.list);
      if (!srcDef?.escalate || srcDef.escalate.to !== name) continue;
      const at = plus(src.since, srcDef.escalate.after);
      if (src.until < at) continue; // cured in time
      const rb = tl.versions.at(at);
      const l = rb.lists.get(name);
      if (!l) continue;
      const warnedAt = srcDef.escalate.notice ? addDuration(at, srcDef.escalate.notice, -1) : at;
      const grounds: Grounds = { kind: 'escalation', from: src.decision, list: src.list };
      const groundRecords = groundRecordsOf(src, entries, byKey);
      const { until, exit } = recordExit(l, at, groundRecords);
      entries.push(...segments(l, rb, grounds, warnedAt, at, until, exit, groundRecords, make));
    }
    if (tl.versions.versions.some((v) => v.lists.get(name)?.enterWhen)) conditionLists.add(name);
  }
  for (const name of conditionLists) entries.push(...conditionEntries(tl, name, make));
  return stableSort(
    entries,
    (a, b) =>
      a.since - b.since ||
      a.list.localeCompare(b.list) ||
      (a.decision < b.decision ? -1 : a.decision > b.decision ? 1 : 0),
  );
}

/**
 * One fact stops a record (DESIGN §5): while a ground record is suspended (a dispute of a type that suspends,
 * an overdue review) it grounds nothing, so the entry stops for exactly that span and resumes after it — under
 * the same decision's warning and never past the original end.
 */
function segments(
  l: ListDef,
  rb: Rulebook,
  grounds: Grounds,
  warnedAt: number,
  since: number,
  until: number,
  exit: ExitReason,
  records: readonly LedgerRecord[],
  make: Make,
): ListEntry[] {
  const gaps = records
    .flatMap((r) => r.suspended)
    .filter((s) => s.to > since && s.from < until)
    .sort((a, b) => a.from - b.from);
  if (gaps.length === 0) return [make.make(l, rb, grounds, warnedAt, since, until, exit, false)];
  const out: ListEntry[] = [];
  let from = since;
  let first: string | undefined;
  for (const g of gaps) {
    if (g.from > from) {
      const e = make.make(l, rb, grounds, warnedAt, from, g.from, 'suspended', false, {
        ...(first ? { resumes: first } : {}),
        suspendedWhy: g.why ?? 'disputed',
      });
      first ??= e.decision;
      out.push(e);
    }
    from = Math.max(from, g.to);
    if (from >= until) break;
  }
  if (from < until)
    out.push(make.make(l, rb, grounds, warnedAt, from, until, exit, false, first ? { resumes: first } : {}));
  return out;
}

function groundRecordsOf(
  e: ListEntry,
  all: readonly ListEntry[],
  byKey: ReadonlyMap<string, LedgerRecord>,
): LedgerRecord[] {
  if (e.grounds.kind === 'records')
    return e.grounds.records.map((k) => byKey.get(k)).filter((r): r is LedgerRecord => r !== undefined);
  if (e.grounds.kind === 'escalation') {
    const from = e.grounds.from;
    const src = all.find((x) => x.decision === from);
    return src ? groundRecordsOf(src, all, byKey) : [];
  }
  return [];
}

/** Entries in force at t. */
export function activeAt(entries: readonly ListEntry[], t: number): ListEntry[] {
  return entries.filter((e) => !e.lapsed && e.since <= t && t < e.until);
}

/** Warnings pending at t: notified, not yet in effect. */
export function pendingAt(entries: readonly ListEntry[], t: number): ListEntry[] {
  return entries.filter((e) => e.warnedAt <= t && t < e.since && (!e.lapsed || t < e.until));
}
