import { addDuration } from '../../domain/duration.ts';
import type { Borne } from '../../rules/measures.ts';
import type { Rulebook } from '../../rules/rulebook.model.ts';
import type { NoticeRow } from '../ports/ports.due-process.ts';
import { noticeRow, statedListTexts, storedGrounds } from './due-process.notices.ts';

/**
 * The notices a person receives because an organization's list entry reaches them through a role (DESIGN §5,
 * every bearer is a party): the warning, the entry and the exit, each when it has come due by `now`, each with
 * what, why, from and until when, how to contest and the earliest repair. Ids are derived, so deriving again
 * never sends one twice. Stored compactly (format 1): the texts are rendered when the notice is read.
 */
export function bearerNotices(b: Borne, org: string, now: number, rb: Rulebook): NoticeRow[] {
  const e = b.entry;
  const events: { event: 'warning' | 'entry' | 'exit'; at: number }[] = [];
  if (!e.resumes && b.warnedAt < b.from && b.warnedAt <= now)
    events.push({ event: 'warning', at: b.warnedAt });
  if (b.from < b.until && b.from <= now) events.push({ event: 'entry', at: b.from });
  if (b.from < b.until && Number.isFinite(b.until) && b.until <= now)
    events.push({ event: 'exit', at: b.until });
  return events.map(({ event, at }) =>
    noticeRow(b.person, `bearer.${event}`, `${e.decision}|${b.role}|${b.from}`, now, {
      v: 1,
      t: 'bearer',
      rb: rb.hash,
      o: org,
      ro: b.role,
      ms: b.measures,
      d: e.decision,
      l: e.list,
      ...statedListTexts(e, rb),
      g: storedGrounds(e.grounds),
      s: Number.isFinite(e.since) ? e.since : null,
      fr: b.from,
      un: Number.isFinite(b.until) ? b.until : null,
      at,
      ...(event === 'exit' ? {} : { ou: addDuration(now, rb.objectionWindow) }),
      ...(e.earliestRepair !== undefined ? { er: e.earliestRepair } : {}),
    }),
  );
}
