import { addDuration } from '../../domain/duration.ts';
import { formatInstant } from '../../domain/time.ts';
import type { Borne } from '../../rules/measures.ts';
import type { Rulebook } from '../../rules/rulebook.model.ts';
import type { NoticeRow } from '../ports/ports.due-process.ts';
import { noticeId } from './due-process.notices.ts';

const day = (t: number) => (Number.isFinite(t) ? formatInstant(t).slice(0, 10) : 'no fixed date');

/**
 * The notices a person receives because an organization's list entry reaches them through a role (DESIGN §5,
 * every bearer is a party): the warning, the entry and the exit, each when it has come due by `now`, each with
 * what, why, from and until when, how to contest and the earliest repair. Ids are derived, so deriving again
 * never sends one twice.
 */
export function bearerNotices(b: Borne, org: string, now: number, rb: Rulebook): NoticeRow[] {
  const e = b.entry;
  const role = b.role.replaceAll('_', ' ');
  const events: { event: 'warning' | 'entry' | 'exit'; at: number }[] = [];
  if (!e.resumes && b.warnedAt < b.from && b.warnedAt <= now)
    events.push({ event: 'warning', at: b.warnedAt });
  if (b.from < b.until && b.from <= now) events.push({ event: 'entry', at: b.from });
  if (b.from < b.until && Number.isFinite(b.until) && b.until <= now)
    events.push({ event: 'exit', at: b.until });
  const measures = b.measures.join(', ');
  const titles = {
    warning: `Warning: as ${role} of ${org} you will bear ${measures} from ${day(b.from)} unless the cause is removed`,
    entry: `As ${role} of ${org} you bear ${measures} while it is on the list "${e.title}"`,
    exit: `You no longer bear ${measures} as ${role} of ${org}`,
  } as const;
  return events.map(({ event, at }) => ({
    subject_id: b.person,
    id: noticeId(b.person, `bearer.${event}`, `${e.decision}|${b.role}|${b.from}`),
    recipient: 'subject',
    kind: `bearer.${event}`,
    created_at: now,
    format: 0,
    body: JSON.stringify({
      title: titles[event],
      reasons: [
        `${org} is on the list "${e.title}" (decision ${e.decision}) from ${day(e.since)}`,
        `the measures reach its ${role}: you, from ${day(b.from)} until ${day(b.until)}`,
        e.grounds.kind === 'records'
          ? `grounds: record(s) ${e.grounds.records.join(', ')}`
          : e.grounds.kind === 'condition'
            ? `grounds: ${e.grounds.condition} (score ${e.grounds.score}, grade ${e.grounds.grade})`
            : `grounds: escalation from list ${e.grounds.list} (decision ${e.grounds.from})`,
      ],
      legal_basis: e.legalBasis,
      options:
        event === 'exit'
          ? []
          : [
              {
                action: 'object to the records behind this decision',
                until: formatInstant(addDuration(now, rb.objectionWindow)),
              },
              ...(e.earliestRepair !== undefined
                ? [{ action: `${org} may apply for credit repair`, from: formatInstant(e.earliestRepair) }]
                : []),
            ],
      refs: {
        decision: e.decision,
        list: e.list,
        organization: org,
        role: b.role,
        measures: b.measures,
        event,
        at: formatInstant(at),
        from: formatInstant(b.from),
        until: Number.isFinite(b.until) ? formatInstant(b.until) : null,
      },
    }),
  }));
}
