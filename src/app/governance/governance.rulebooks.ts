import { LineCounter } from 'yaml';
import { addDuration, parseDuration } from '../../domain/duration.ts';
import { CredenceError, formatIssue } from '../../domain/errors.ts';
import { formatInstant } from '../../domain/time.ts';
import { diffDocuments, type RulebookChange } from '../../rules/diff.ts';
import { LIMIT_CODES, readYaml } from '../../rules/rulebook.limits.ts';
import { type LoadResult, loadRulebook } from '../../rules/rulebook.loader.ts';
import type { Rulebook } from '../../rules/rulebook.model.ts';
import { RulebookSet } from '../../rules/versions.ts';
import { audit } from '../audit/audit.log.ts';
import { type AppContext, sha256 } from '../ports/ports.context.ts';
import type { RulebookRow, Tx } from '../ports/ports.store.ts';

/** Loads a rulebook text; the hash of the text is the version's identity. */
export function checkRulebook(text: string): LoadResult {
  return loadRulebook(text, { hash: sha256(text) });
}

const compiled = new Map<string, Rulebook>();

function compile(row: RulebookRow): Rulebook {
  let rb = compiled.get(row.hash);
  if (!rb) {
    const r = loadRulebook(row.source, { hash: row.hash, stored: true });
    if (!r.value) {
      throw new CredenceError(
        'rulebook.stored_invalid',
        `stored rulebook ${row.name} ${row.version} no longer loads: ${r.issues.map(formatIssue).join('; ')}`,
      );
    }
    rb = r.value;
    compiled.set(row.hash, rb);
  }
  return rb;
}

/** The published versions (drafts are never used), compiled once per process and cached by hash. */
const sets = new Map<string, RulebookSet>();

export async function activeRulebooks(tx: Tx): Promise<RulebookSet> {
  // the common case: the same published versions as last time, already compiled
  const keys = (await tx.rulebookKeys())
    .filter((r) => (r.status ?? 'published') === 'published')
    .map((r) => r.hash);
  const cached = sets.get(keys.join(','));
  if (cached) return cached;
  const rows = (await tx.rulebooks()).filter((r) => (r.status ?? 'published') === 'published');
  if (rows.length === 0)
    throw new CredenceError(
      'rulebook.none_active',
      'no rulebook has been activated in this registry (run credence init or credence rulebook activate)',
    );
  const set = new RulebookSet(rows.map(compile));
  sets.set(keys.join(','), set);
  return set;
}

/** The changes from the version in force just before `rb` takes effect (or the latest one) to `rb`. */
async function diffFromPrevious(tx: Tx, rb: Rulebook): Promise<RulebookChange[]> {
  const published = (await tx.rulebooks()).filter((r) => r.status === 'published' && r.hash !== rb.hash);
  if (published.length === 0) return [];
  const before = published
    .filter((r) => Number(r.effective_from) <= rb.effectiveFrom)
    .sort((a, b) => Number(a.effective_from) - Number(b.effective_from));
  const prev = before[before.length - 1] ?? published[published.length - 1]!;
  return diffDocuments(readYaml(prev.source, new LineCounter()), readYaml(rb.source, new LineCounter()));
}

/**
 * The error for a text that does not load: a text refused for its cost (too large, too many keys, too deep, an
 * alias bomb) under that limit's own code, any other under `rulebook.invalid` with every problem.
 */
export function invalidRulebook(issues: LoadResult['issues'], what = 'the rulebook'): CredenceError {
  const limit = issues.find((i) => i.code !== undefined && LIMIT_CODES.has(i.code));
  if (limit?.code) return new CredenceError(limit.code, `${what} was refused: ${limit.message}`, { issues });
  return new CredenceError('rulebook.invalid', `${what} has ${issues.length} problem(s)`, { issues });
}

function validated(text: string): Rulebook {
  const r = checkRulebook(text);
  if (!r.value) throw invalidRulebook(r.issues);
  return r.value;
}

/** Stores a version as a draft: kept with its hash and readable by anyone, never used for scoring. */
export async function draftRulebook(
  ctx: AppContext,
  text: string,
): Promise<{ rulebook: Rulebook; changes: RulebookChange[] }> {
  const rb = validated(text);
  return ctx.store.transaction(async (tx) => {
    const existing = (await tx.rulebooks()).find((e) => e.hash === rb.hash);
    const changes = await diffFromPrevious(tx, rb);
    if (!existing) {
      await assertNewVersion(tx, rb);
      await tx.insertRulebook({
        hash: rb.hash,
        name: rb.name,
        version: rb.version,
        effective_from: rb.effectiveFrom,
        source: text,
        activated_at: ctx.clock.now(),
        activated_by: ctx.actor,
        status: 'draft',
        comment_until: null,
        diff: JSON.stringify(changes),
      });
      await audit(tx, ctx, 'rulebook.draft', null, { name: rb.name, version: rb.version, hash: rb.hash });
    }
    return { rulebook: rb, changes };
  });
}

async function assertNewVersion(tx: Tx, rb: Rulebook): Promise<void> {
  const clash = (await tx.rulebooks()).find(
    (e) => e.name === rb.name && e.version === rb.version && e.hash !== rb.hash,
  );
  if (clash)
    throw new CredenceError(
      'rulebook.version_exists',
      `${rb.name} version ${rb.version} already exists with different content; give the new text a new version`,
    );
}

/**
 * Publishes a version: it is open for comment for `commentPeriod` (an ISO duration) and takes effect on its
 * effective_from, which may not come before the comment period ends. A zero period is an immediate activation.
 * Retroactive aggravation is impossible whatever the date: each record is scored under the version of its
 * date unless a later one is kinder (lex mitior, in the scorer).
 */
export async function publishRulebook(
  ctx: AppContext,
  text: string,
  commentPeriod = 'P0D',
): Promise<{ rulebook: Rulebook; commentUntil: number; changes: RulebookChange[] }> {
  const rb = validated(text);
  const period = parseDuration(commentPeriod);
  if (!period.value)
    throw new CredenceError(
      'input.invalid_duration',
      `comment period: ${period.issues[0]?.message ?? 'invalid'}`,
    );
  const now = ctx.clock.now();
  const commentUntil = addDuration(now, period.value);
  if (commentUntil > now && rb.effectiveFrom < commentUntil) {
    throw new CredenceError(
      'rulebook.effective_before_comment_end',
      `${rb.name} ${rb.version} would take effect on ${formatInstant(rb.effectiveFrom).slice(0, 10)}, before its comment period ends on ${formatInstant(commentUntil).slice(0, 10)}; set effective_from on or after that date`,
    );
  }
  return ctx.store.transaction(async (tx) => {
    const existing = (await tx.rulebooks()).find((e) => e.hash === rb.hash);
    if (existing?.status === 'published')
      return {
        rulebook: rb,
        commentUntil: Number(existing.comment_until ?? existing.activated_at),
        changes: JSON.parse(existing.diff ?? '[]'),
      };
    const changes = await diffFromPrevious(tx, rb);
    if (existing) {
      await tx.updateRulebook(rb.hash, {
        status: 'published',
        comment_until: commentUntil,
        diff: JSON.stringify(changes),
        activated_at: now,
        activated_by: ctx.actor,
      });
    } else {
      await assertNewVersion(tx, rb);
      await tx.insertRulebook({
        hash: rb.hash,
        name: rb.name,
        version: rb.version,
        effective_from: rb.effectiveFrom,
        source: text,
        activated_at: now,
        activated_by: ctx.actor,
        status: 'published',
        comment_until: commentUntil,
        diff: JSON.stringify(changes),
      });
    }
    await audit(tx, ctx, 'rulebook.publish', null, {
      name: rb.name,
      version: rb.version,
      hash: rb.hash,
      effective_from: rb.effectiveFrom,
      comment_until: commentUntil,
    });
    return { rulebook: rb, commentUntil, changes };
  });
}

/** Activates a version at once (a publication with no comment period), kept with its hash, who and when. */
export async function activateRulebook(ctx: AppContext, text: string): Promise<Rulebook> {
  return (await publishRulebook(ctx, text, 'P0D')).rulebook;
}

export interface VersionView {
  readonly name: string;
  readonly version: string;
  readonly hash: string;
  readonly status: 'draft' | 'published';
  readonly effective_from: string;
  readonly comment_until: string | null;
  readonly in_comment: boolean;
  readonly published_at: string;
  readonly published_by: string;
  readonly changes: readonly RulebookChange[];
}

/** Every version kept, newest first, with who published it and its diff from the version before. */
export async function rulebookVersions(ctx: AppContext): Promise<VersionView[]> {
  const now = ctx.clock.now();
  return (await ctx.store.rulebooks())
    .map((r) => ({
      name: r.name,
      version: r.version,
      hash: r.hash,
      status: r.status ?? 'published',
      effective_from: formatInstant(Number(r.effective_from)),
      comment_until: r.comment_until === null ? null : formatInstant(Number(r.comment_until)),
      in_comment: r.comment_until !== null && Number(r.comment_until) > now,
      published_at: formatInstant(Number(r.activated_at)),
      published_by: r.activated_by,
      changes: JSON.parse(r.diff ?? '[]') as RulebookChange[],
    }))
    .reverse();
}
