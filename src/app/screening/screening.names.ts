import type { SubjectRow, Tx } from '../ports/ports.store.ts';
import { searchAll } from '../search/search.usecases.ts';

/**
 * Name matching for screening: a company named in a bidder list is found by a normalised name, whatever its
 * legal form, case or character width. Pure functions; the threshold is stated in every answer.
 */

/** The score at and above which a name is taken to name a company (when no other company reaches it too). */
export const NAME_THRESHOLD = 0.85;

/** Candidates below this score are not worth showing. */
export const CANDIDATE_FLOOR = 0.5;

// longest first: 股份有限公司 before 有限公司 before 公司
const LEGAL_FORMS_ZH = [
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '集团公司',
  '分公司',
  '总公司',
  '公司',
  '合伙企业',
  '(有限合伙)',
  '(普通合伙)',
];
const LEGAL_FORMS_EN =
  /\b(co|company|corp|corporation|inc|incorporated|ltd|limited|llc|plc|gmbh|ag|bv)\b\.?/g;

/**
 * The comparable core of an organization name: NFKC (full-width letters and digits become ASCII), lower case,
 * legal forms (有限公司, Co., Ltd., Inc. …) and punctuation removed, spaces collapsed.
 */
export function normalizeName(name: string): string {
  let s = name.normalize('NFKC').toLowerCase();
  for (const f of LEGAL_FORMS_ZH) s = s.split(f.normalize('NFKC')).join(' ');
  s = s.replace(LEGAL_FORMS_EN, ' ');
  return s
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function bigrams(s: string): Map<string, number> {
  const chars = [...s.replace(/ /g, '')];
  const out = new Map<string, number>();
  if (chars.length === 1) out.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Similarity of two names in [0, 1]: the Dice coefficient over character bigrams of their normalised forms. */
export function nameSimilarity(a: string, b: string): number {
  const na = normalizeName(a);
  const nb = normalizeName(b);
  if (na === '' || nb === '') return 0;
  if (na.replace(/ /g, '') === nb.replace(/ /g, '')) return 1;
  const ga = bigrams(na);
  const gb = bigrams(nb);
  let common = 0;
  let total = 0;
  for (const n of ga.values()) total += n;
  for (const [g, n] of gb) {
    total += n;
    common += Math.min(n, ga.get(g) ?? 0);
  }
  return total === 0 ? 0 : Math.round(((2 * common) / total) * 1000) / 1000;
}

/**
 * What to ask the registry's organization search for: the name as written. The search itself ignores legal
 * forms, case and width and finds the name inside longer ones (深圳市示例科技有限公司 for 示例科技); the leading
 * word of the normalised name is asked too, so a name spelt differently after its first word still finds it.
 */
export function searchKeys(name: string): string[] {
  const n = normalizeName(name);
  if (n === '') return [];
  const first = n.split(' ')[0]!;
  const cjk = /^\p{Script=Han}/u.test(first);
  const keys = new Set<string>([
    cjk ? [...first].slice(0, 2).join('') : first,
    name.normalize('NFKC').trim(),
  ]);
  return [...keys].filter((k) => k.length > 0);
}

/** How many organizations each search key contributes at most. */
const CANDIDATES_PER_KEY = 200;

/**
 * The organizations a name may name, from the public search index (persons are never in it): every match of
 * each search key, best first, up to a bound per key.
 */
export async function nameCandidates(tx: Tx, name: string): Promise<SubjectRow[]> {
  const ids = new Set<number>();
  for (const key of searchKeys(name))
    for (const hit of await searchAll(tx, key, CANDIDATES_PER_KEY)) ids.add(hit.subjectId);
  const rows = await tx.subjectsById([...ids]);
  return rows.filter((s) => s.kind === 'organization');
}

export interface Candidate<T> {
  readonly subject: T;
  readonly score: number;
}

/**
 * Scores the candidates against the name: the best first, those under the floor dropped. `match` is the one
 * company that reaches the threshold, or undefined when none does or several do (an ambiguous name is never
 * resolved by guessing).
 */
export function rankCandidates<T extends { name: string }>(
  name: string,
  subjects: readonly T[],
  threshold = NAME_THRESHOLD,
): { candidates: Candidate<T>[]; match: T | undefined; ambiguous: boolean } {
  const candidates = subjects
    .map((subject) => ({ subject, score: nameSimilarity(name, subject.name) }))
    .filter((c) => c.score >= CANDIDATE_FLOOR)
    .sort((a, b) => b.score - a.score);
  const above = candidates.filter((c) => c.score >= threshold);
  // an exact normalised match beats near ones; two exact ones, or two near ones without an exact, are ambiguous
  const exact = above.filter((c) => c.score === 1);
  const pick = exact.length === 1 ? exact : exact.length > 1 ? [] : above.length === 1 ? above : [];
  return { candidates, match: pick[0]?.subject, ambiguous: pick.length === 0 && above.length > 1 };
}
