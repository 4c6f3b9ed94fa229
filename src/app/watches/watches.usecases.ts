import { randomUUID } from 'node:crypto';
import { addDuration, parseDuration } from '../../domain/duration.ts';
import { CredenceError } from '../../domain/errors.ts';
import { formatInstant, parseInstant } from '../../domain/time.ts';
import { audit } from '../audit/audit.log.ts';
import { refOf } from '../derive/derive.files.ts';
import { decodeState } from '../derive/derive.state.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { SubjectRow, Tx } from '../ports/ports.store.ts';
import type { WatchRow, WatchSubjectRow } from '../ports/ports.watches.ts';
import { findSubject, refreshIfDue } from '../queries/queries.usecases.ts';
import { watchedAnswers } from './watches.derive.ts';

/** The longest a watch may stand, and how long one stands when no expiry is asked for. */
export const MAX_WATCH = 'P1Y';
export const MAX_WATCH_SUBJECTS = 10_000;
export const MAX_WATCH_MEASURES = 20;
export const FEED_PAGE = 100;
export const MAX_FEED_PAGE = 1000;

export interface NewWatch {
  readonly subjects: readonly string[];
  readonly measures: readonly string[];
  readonly purpose: string;
  /** An ISO 8601 duration from now or a date/instant; at most a year from now. */
  readonly expires?: string;
}

const iso = (t: number | null) => (t === null ? null : formatInstant(t));

/** When a watch asked to expire at `text` ends: a duration from now or a date, never more than a year away. */
export function watchExpiry(now: number, text: string | undefined): number {
  const longest = addDuration(now, parseDuration(MAX_WATCH).value!);
  if (text === undefined) return longest;
  const d = parseDuration(text);
  const at = d.value ? addDuration(now, d.value) : parseInstant(text);
  if (at === undefined)
    throw new CredenceError(
      'input.invalid_expiry',
      `expires "${text}" is not an ISO 8601 duration (P6M) or a date (YYYY-MM-DD)`,
      { issues: [{ path: 'expires', message: 'expected an ISO 8601 duration or a date' }] },
    );
  if (at <= now)
    throw new CredenceError('input.invalid_expiry', `expires "${text}" is not in the future`, {
      issues: [{ path: 'expires', message: 'must be in the future' }],
    });
  if (at > longest)
    throw new CredenceError(
      'input.watch_expiry_too_long',
      `a watch stands at most ${MAX_WATCH} (until ${formatInstant(longest)}); "${text}" is longer`,
      { issues: [{ path: 'expires', message: `at most ${MAX_WATCH}` }] },
    );
  return at;
}

/** The watcher as the watched subjects see it: its token's label and role. */
async function labelOf(tx: Tx, actor: string): Promise<string> {
  const t = (await tx.tokens()).find((x) => `token:${x.id}` === actor);
  if (!t) return actor;
  return t.label ? `${t.label} (${t.role})` : t.role;
}

/**
 * Places a watch: the consumer states why, which subjects and measures, until when (at most a year). The
 * current answers become the baseline (not told to the watcher: a screening or a check does that, recorded);
 * from then on each change is notified once, recorded as a check the subject sees. The watch itself is in each
 * watched subject's file (`watched_by`: who, why, which measures, until when).
 */
export async function createWatch(ctx: AppContext, w: NewWatch) {
  const purpose = w.purpose.trim();
  if (purpose.length < 5)
    throw new CredenceError(
      'input.watch_purpose_required',
      'a watch states its purpose (at least 5 characters)',
      {
        issues: [{ path: 'purpose', message: 'required: why the subjects are watched' }],
      },
    );
  const now = ctx.clock.now();
  const expiresAt = watchExpiry(now, w.expires);
  const measures = [...new Set(w.measures)];
  if (measures.length === 0 || measures.length > MAX_WATCH_MEASURES)
    throw new CredenceError('input.watch_measures', `a watch names 1 to ${MAX_WATCH_MEASURES} measures`);
  if (w.subjects.length === 0 || w.subjects.length > MAX_WATCH_SUBJECTS)
    throw new CredenceError('input.watch_subjects', `a watch names 1 to ${MAX_WATCH_SUBJECTS} subjects`);
  return ctx.store.transaction(async (tx) => {
    const versions = await activeRulebooks(tx);
    for (const m of measures)
      if (!versions.at(now).measures.has(m))
        throw new CredenceError('measure.unknown', `measure "${m}" is not in the rulebook in force`, {
          issues: [{ path: 'measures', message: `unknown measure ${m}` }],
        });
    const found: { given: string; subject: SubjectRow }[] = [];
    for (const given of w.subjects) found.push({ given, subject: await findSubject(ctx, tx, given) });
    const subjects = [...new Map(found.map((f) => [Number(f.subject.id), f.subject])).values()];
    // the baseline: today's answers, from projections brought up to date first
    const persons = subjects.filter((s) => s.kind === 'person').map((s) => Number(s.id));
    const orgs = persons.length > 0 ? (await tx.rolesAt(persons, now)).map((r) => Number(r.org_id)) : [];
    const states = await refreshIfDue(
      tx,
      versions,
      [...new Set([...subjects.map((s) => Number(s.id)), ...orgs])],
      now,
    );
    const pairs = subjects.flatMap((subject) => measures.map((measure) => ({ subject, measure })));
    const answers = await watchedAnswers(
      tx,
      versions,
      pairs,
      states,
      (t) => decodeState(t, versions.byHash),
      now,
    );
    const id = `W-${randomUUID()}`;
    const watch: WatchRow = {
      id,
      owner: ctx.actor,
      label: await labelOf(tx, ctx.actor),
      purpose,
      measures: JSON.stringify(measures),
      created_at: now,
      expires_at: expiresAt,
      deleted_at: null,
    };
    const rows: WatchSubjectRow[] = pairs.map(({ subject, measure }, i) => {
      const a = answers[i]?.answer;
      return {
        subject_id: Number(subject.id),
        watch_id: id,
        measure,
        applies: a?.applies ? 1 : 0,
        until: a?.until ?? null,
        decisions: JSON.stringify(a?.decisions ?? []),
        answered_at: now,
      };
    });
    await tx.insertWatch(watch, rows);
    await audit(tx, ctx, 'watch.create', null, {
      watch: id,
      purpose,
      measures,
      expires_at: expiresAt,
      subjects: subjects.map(refOf),
    });
    return {
      ...watchView(watch, subjects),
      // the subjects as given, with the reference the feed names them by
      resolved: found.map((f) => ({ subject: f.given, ref: refOf(f.subject) })),
    };
  });
}

function watchView(w: WatchRow, subjects: readonly Pick<SubjectRow, 'id' | 'kind' | 'usci'>[]) {
  return {
    id: w.id,
    purpose: w.purpose,
    measures: JSON.parse(w.measures) as string[],
    subjects: subjects.map(refOf),
    created_at: formatInstant(w.created_at),
    expires_at: formatInstant(w.expires_at),
    ended_at: iso(w.deleted_at),
  };
}

/** The calling consumer's own watches, newest first, ended and expired ones included. */
export async function listWatches(ctx: AppContext) {
  return ctx.store.transaction(async (tx) => {
    const out = [];
    for (const w of await tx.watchesOf(ctx.actor)) {
      const ids = [...new Set((await tx.watchSubjectsOf(w.id)).map((r) => Number(r.subject_id)))];
      out.push(watchView(w, await tx.subjectsById(ids)));
    }
    return { watches: out };
  });
}

/** Ends one of the caller's watches: nothing is notified after this; the feed keeps what was. */
export async function endWatch(ctx: AppContext, id: string) {
  return ctx.store.transaction(async (tx) => {
    const w = await tx.watchById(id);
    if (!w) throw new CredenceError('watch.not_found', `no watch ${id}`);
    if (w.owner !== ctx.actor)
      throw new CredenceError('auth.not_own_watch', 'a consumer may only end its own watches');
    const now = ctx.clock.now();
    if (w.deleted_at === null) {
      await tx.endWatch(id, now);
      await audit(tx, ctx, 'watch.end', null, { watch: id });
    }
    const ids = [...new Set((await tx.watchSubjectsOf(id)).map((r) => Number(r.subject_id)))];
    return watchView({ ...w, deleted_at: w.deleted_at ?? now }, await tx.subjectsById(ids));
  });
}

/** Parses a feed cursor: the empty start (`0`) or a cursor the feed gave. */
export function parseCursor(text: string | undefined): number {
  if (text === undefined || text === '') return 0;
  if (!/^\d{1,15}$/.test(text))
    throw new CredenceError('input.invalid_cursor', `since "${text}" is not a cursor this feed gave`, {
      issues: [{ path: 'since', message: 'expected a cursor from an earlier page (digits)' }],
    });
  return Number(text);
}

/**
 * The caller's changes after a cursor, oldest first: durable, so replaying from an old cursor gives the same
 * items; `next` is the cursor to ask with next time (the same when nothing is new).
 */
export async function changesFeed(ctx: AppContext, since: string | undefined, limit = FEED_PAGE) {
  const after = parseCursor(since);
  const n = Math.min(Math.max(1, limit), MAX_FEED_PAGE);
  const rows = await ctx.store.watchChangesAfter(ctx.actor, after, n);
  const items = rows.map((r) => {
    const body = JSON.parse(r.body) as Record<string, unknown>;
    return {
      cursor: String(r.seq),
      watch: r.watch_id,
      subject: body.subject as string,
      name: body.name as string,
      measure: r.measure,
      at: formatInstant(r.at),
      before: body.before as { applies: boolean; until: string | null; decisions: string[] },
      after: body.after as { applies: boolean; until: string | null; decisions: string[] },
      check: body.check as string,
      notice: body.notice as string,
    };
  });
  return {
    items,
    next: items.length > 0 ? items[items.length - 1]!.cursor : String(after),
    more: items.length === n,
  };
}
