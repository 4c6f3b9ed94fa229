import { CredenceError } from '../../domain/errors.ts';
import { checkNationalId } from '../../domain/national-id.ts';
import { formatInstant } from '../../domain/time.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { SubjectRow, Tx } from '../ports/ports.store.ts';
import { type CheckView, checkSubjects } from '../queries/queries.usecases.ts';
import { NAME_THRESHOLD, nameCandidates, rankCandidates } from './screening.names.ts';

/** One subject to screen: a USCI, a national identity number, a registry reference, or a company name. */
export type ScreenSubject = string | { readonly name: string };

export const MAX_SCREENING_SUBJECTS = 10_000;
export const MAX_SCREENING_MEASURES = 20;
/** Subjects per transaction: large enough to batch the reads, small enough to keep a transaction short. */
export const SCREENING_CHUNK = 500;

export type MatchedBy = 'usci' | 'national_id' | 'ref' | 'name';

export interface ScreeningAnswer {
  /** The subject as it was asked for (a name is given back as the name). */
  readonly subject: string;
  /** How the subject was found; null when it was not (then nothing was checked or recorded). */
  readonly matched_by: MatchedBy | null;
  /** The registry reference of the subject found (USCI, or P… for a person). */
  readonly match: { readonly ref: string; readonly name: string } | null;
  readonly measure: string;
  /** null when no subject was found. */
  readonly applies: boolean | null;
  readonly until: string | null;
  readonly decisions: readonly string[];
  /** The recorded check (`CHK-…`), shown in the subject's file. */
  readonly check: string | null;
  /** For a name: the organizations it may mean, best first, with their similarity score. */
  readonly candidates?: readonly { ref: string; name: string; score: number }[];
  readonly threshold?: number;
  /** Why there is no answer: `subject.not_found`, `name.no_match`, `name.ambiguous`. */
  readonly problem?: { readonly code: string; readonly message: string };
}

export interface ScreeningResult {
  readonly at: string;
  readonly threshold: number;
  readonly answers: ScreeningAnswer[];
  readonly summary: { subjects: number; checks: number; applies: number; unresolved: number };
}

interface Resolved {
  readonly subject: string;
  /** Asked by national id and not registered: answered "does not apply", like a registered person with a clean file. */
  readonly nobody?: true;
  readonly row?: SubjectRow;
  readonly by?: MatchedBy;
  readonly candidates?: ScreeningAnswer['candidates'];
  readonly problem?: ScreeningAnswer['problem'];
}

const refOfRow = (s: SubjectRow) =>
  s.kind === 'organization' && s.usci ? s.usci : `P${String(s.id).padStart(7, '0')}`;

/** Finds the subjects of one chunk with a few batched reads; names through the organization search. */
async function resolveChunk(ctx: AppContext, tx: Tx, items: readonly ScreenSubject[]): Promise<Resolved[]> {
  const keyOf = (it: string) => {
    const ref = it.trim();
    if (/^P\d{1,12}$/.test(ref) || /^\d{1,12}$/.test(ref))
      return { by: 'ref' as const, key: String(Number(ref.replace(/^P/, ''))) };
    if (ref.length === 18 && checkNationalId(ref).ok)
      return { by: 'national_id' as const, key: ctx.hashNationalId(ref) };
    return { by: 'usci' as const, key: ref.toUpperCase() };
  };
  const keys = items.map((it) => (typeof it === 'string' ? keyOf(it) : undefined));
  const pick = (by: MatchedBy) => [...new Set(keys.filter((k) => k?.by === by).map((k) => k!.key))];
  const [byUsci, byHash, byId] = await Promise.all([
    tx.subjectsByUsci(pick('usci')),
    tx.subjectsByIdHash(pick('national_id')),
    tx.subjectsById(pick('ref').map(Number)),
  ]);
  const found = new Map<string, SubjectRow>([
    ...byUsci.map((s) => [`usci:${s.usci}`, s] as const),
    ...byHash.map((s) => [`national_id:${s.id_hash}`, s] as const),
    ...byId.map((s) => [`ref:${s.id}`, s] as const),
  ]);
  const out: Resolved[] = [];
  for (const [i, it] of items.entries()) {
    const k = keys[i];
    if (typeof it === 'string') {
      const row = found.get(`${k!.by}:${k!.key}`);
      out.push(
        row
          ? { subject: it, row, by: k!.by }
          : k!.by === 'national_id'
            ? { subject: it, by: 'national_id', nobody: true }
            : {
                subject: it,
                problem: { code: 'subject.not_found', message: 'no such subject in this registry' },
              },
      );
      continue;
    }
    out.push(await resolveName(tx, it.name));
  }
  return out;
}

/** Persons are never matched by name: only organizations are searched. */
async function resolveName(tx: Tx, name: string): Promise<Resolved> {
  const pool = new Map<number, SubjectRow>();
  for (const s of await nameCandidates(tx, name)) pool.set(Number(s.id), s);
  const { candidates, match, ambiguous } = rankCandidates(name, [...pool.values()]);
  const shown = candidates.slice(0, 5).map((c) => ({
    ref: refOfRow(c.subject),
    name: c.subject.name,
    score: c.score,
  }));
  if (match) return { subject: name, row: match, by: 'name', candidates: shown };
  return {
    subject: name,
    candidates: shown,
    problem: ambiguous
      ? { code: 'name.ambiguous', message: 'several organizations match this name; screen them by USCI' }
      : { code: 'name.no_match', message: `no organization matches this name at ${NAME_THRESHOLD}` },
  };
}

/**
 * Screens many subjects against one or more measures. Every answer for a subject found is a check recorded in
 * its file, exactly as a single check is (the same code path); a chunk of subjects shares one transaction.
 */
export async function screen(
  ctx: AppContext,
  input: { subjects: readonly ScreenSubject[]; measures: readonly string[]; at?: number },
  onProgress?: (done: number, total: number) => void,
): Promise<ScreeningResult> {
  const { subjects, measures } = input;
  if (subjects.length === 0)
    throw new CredenceError('screening.empty', 'name at least one subject to screen');
  if (subjects.length > MAX_SCREENING_SUBJECTS)
    throw new CredenceError(
      'screening.too_large',
      `at most ${MAX_SCREENING_SUBJECTS} subjects per screening (got ${subjects.length})`,
    );
  const unique = [...new Set(measures)];
  if (unique.length === 0 || unique.length > MAX_SCREENING_MEASURES)
    throw new CredenceError('screening.measures', `name 1 to ${MAX_SCREENING_MEASURES} measures`);
  // every measure is known before anything is recorded: a typo does not leave half a screening behind
  const known = (await ctx.store.transaction((tx) => activeRulebooks(tx))).latest.measures;
  const unknown = unique.filter((m) => !known.has(m));
  if (unknown.length > 0)
    throw new CredenceError(
      'measure.unknown',
      `measure ${unknown.map((m) => `"${m}"`).join(', ')} is not in the rulebook (known: ${[...known.keys()].join(', ')})`,
    );
  const answers: ScreeningAnswer[] = [];
  for (let start = 0; start < subjects.length; start += SCREENING_CHUNK) {
    const chunk = subjects.slice(start, start + SCREENING_CHUNK);
    const part = await ctx.store.transaction(async (tx) => {
      const resolved = await resolveChunk(ctx, tx, chunk);
      const asks = resolved.flatMap((r) =>
        r.row ? unique.map((measure) => ({ subject: r.row!, measure })) : [],
      );
      const views = await checkSubjects(ctx, tx, asks, input.at);
      let next = 0;
      return resolved.flatMap((r) =>
        unique.map((measure) => answerOf(r, measure, r.row ? views[next++] : undefined)),
      );
    });
    answers.push(...part);
    onProgress?.(Math.min(start + chunk.length, subjects.length), subjects.length);
  }
  const at = input.at ?? ctx.clock.now();
  return {
    at: formatInstant(at),
    threshold: NAME_THRESHOLD,
    answers,
    summary: {
      subjects: subjects.length,
      // answers given (persons by national id included, whether or not registered: the count reveals nothing)
      checks: answers.filter((a) => a.applies !== null).length,
      applies: answers.filter((a) => a.applies === true).length,
      unresolved: answers.filter((a) => a.matched_by === null).length / unique.length,
    },
  };
}

function answerOf(r: Resolved, measure: string, v: CheckView | undefined): ScreeningAnswer {
  const names = r.by === 'name' || r.candidates !== undefined;
  // persons asked by national id: the same shape whether or not they are registered (no reference, no check id),
  // so that a screening never reveals who is in the registry; a registered person's check is still recorded
  if (r.by === 'national_id')
    return {
      subject: r.subject,
      matched_by: 'national_id',
      match: null,
      measure,
      applies: v ? v.applies : false,
      until: v ? v.until : null,
      decisions: v ? [...v.decisions] : [],
      check: null,
    };
  return {
    subject: r.subject,
    matched_by: v ? r.by! : null,
    match: v && r.row ? { ref: v.subject, name: r.row.kind === 'organization' ? r.row.name : '' } : null,
    measure,
    applies: v ? v.applies : null,
    until: v ? v.until : null,
    decisions: v ? [...v.decisions] : [],
    check: v ? v.id : null,
    ...(names ? { candidates: r.candidates ?? [], threshold: NAME_THRESHOLD } : {}),
    ...(r.problem ? { problem: r.problem } : {}),
  };
}
