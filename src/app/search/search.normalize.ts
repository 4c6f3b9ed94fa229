import { pinyin } from 'pinyin-pro';

/**
 * How organization names are compared by the public search: one normal form for the names indexed and for the
 * queries typed, so that case, character width, punctuation and legal forms never decide whether a company is
 * found. Pure functions.
 */

// longest first, so that 股份有限公司 is removed whole rather than leaving 股份
const LEGAL_FORMS_ZH = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '有限公司',
  '集团公司',
  '分公司',
  '总公司',
  '公司',
  '集团',
  '合伙企业',
  '(有限合伙)',
  '(普通合伙)',
].map((f) => f.normalize('NFKC'));

const LEGAL_FORMS_EN =
  /(?<![\p{L}\p{N}])(co|company|corp|corporation|inc|incorporated|ltd|limited|llc|llp|plc|gmbh|ag|bv|sa|sarl|pte|pty)(?![\p{L}\p{N}])\.?/gu;

/** Separates the parts of an index document; a normalised query never contains it, so no match spans two parts. */
export const PART = '|';

/**
 * The comparable core of a name or a query: NFKC (full-width letters and digits become ASCII), lower case,
 * legal forms (有限公司, 股份有限公司, 集团, Co., Ltd., Inc., GmbH …) and punctuation removed, spaces collapsed.
 * "深圳市示例科技有限公司" → "深圳市示例科技"; "ＦＵＺＨＯＵ Example Co., Ltd." → "fuzhou example".
 */
export function searchKey(name: string): string {
  let s = name.normalize('NFKC').toLowerCase();
  for (const f of LEGAL_FORMS_ZH) s = s.split(f).join(' ');
  s = s.replace(LEGAL_FORMS_EN, ' ');
  return s
    .replace(/[\p{P}\p{S}\p{C}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const HAN = /\p{Script=Han}/u;

/** Whether a name has Chinese characters (only those are indexed by their pinyin). */
export function hasHan(s: string): boolean {
  return HAN.test(s);
}

/**
 * The pinyin of a normalised name without tones or spaces, and its initials: "福州示例" → "fuzhoushili", "fzsl".
 * Letters and digits outside Chinese words are kept as they are. Empty for a name without Chinese characters.
 */
export function pinyinOf(key: string): { full: string; initials: string } {
  if (!hasHan(key)) return { full: '', initials: '' };
  const opts = { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true } as const;
  const full = pinyin(key, opts);
  const initials = pinyin(key, { ...opts, pattern: 'first' });
  const join = (parts: readonly string[]) =>
    parts
      .join('')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '');
  return { full: join(full), initials: join(initials) };
}

/** What the index holds of an organization: its name's forms, former names, and its code. */
export interface SearchEntry {
  readonly subject_id: number;
  readonly usci: string;
  readonly name: string;
  /** The normalised current name. */
  readonly key: string;
  readonly pinyin: string;
  readonly initials: string;
  /** Normalised former names, separated by PART. */
  readonly former: string;
  /** Every searchable form in one string (key, pinyin, initials, former names, code in lower case). */
  readonly doc: string;
  /** Characters in the key: shorter names containing the query rank first. */
  readonly len: number;
}

/** The index entry of an organization with this current name and these former names. */
export function searchEntry(
  subjectId: number,
  usci: string,
  name: string,
  formerNames: readonly string[] = [],
): SearchEntry {
  const key = searchKey(name);
  const py = pinyinOf(key);
  const former = [...new Set(formerNames.map(searchKey))].filter((k) => k !== '' && k !== key).join(PART);
  return {
    subject_id: subjectId,
    usci,
    name,
    key,
    pinyin: py.full,
    initials: py.initials,
    former,
    doc: [key, py.full, py.initials, former, usci.toLowerCase()].join(PART),
    len: [...key].length,
  };
}

/** A query as the index compares it. */
export interface IndexQuery {
  /** The normalised query (searchKey). */
  readonly text: string;
  /** The query as letters only, for pinyin ("fuzhou shili" → "fuzhoushili"); a never-matching PART otherwise. */
  readonly compact: string;
  /** The query as a code in upper case: an exact USCI match ranks first. */
  readonly usci: string;
  /** The query in lower case when it may be part of a USCI (4 characters or more of the USCI alphabet). */
  readonly usciPart: string;
  /** Shorter than a trigram: answered by a scan rather than the trigram index. */
  readonly short: boolean;
}

/** Stands for "nothing" in a query part: a private-use character, which search keys never contain. */
export const NEVER = '\uE000';

export function indexQuery(q: string): IndexQuery {
  const text = searchKey(q);
  const raw = q.normalize('NFKC').replace(/\s+/g, '');
  const letters = text.replace(/ /g, '');
  const compact = /^[a-z]+$/.test(letters) ? letters : NEVER;
  const usciPart = /^[0-9a-z]{4,18}$/i.test(raw) && /\d/.test(raw) ? raw.toLowerCase() : NEVER;
  const lengths = [text, compact].filter((s) => s !== NEVER).map((s) => [...s].length);
  return {
    text,
    compact,
    usci: raw.toUpperCase(),
    usciPart,
    short: Math.min(...lengths) < 3,
  };
}

/** Character trigrams of a string (padded at both ends, as pg_trgm does for words). */
export function trigrams(s: string): Set<string> {
  const chars = [' ', ...s, ' '];
  const out = new Set<string>();
  for (let i = 0; i + 2 < chars.length; i++) out.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  return out;
}

/** Similarity in [0, 1] of two normalised strings: the Dice coefficient of their trigram sets. */
export function similarity(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  const ta = trigrams(a);
  const tb = trigrams(b);
  let common = 0;
  for (const g of ta) if (tb.has(g)) common++;
  return Math.round(((2 * common) / (ta.size + tb.size)) * 1000) / 1000;
}

/**
 * Pieces of a query that a one-character typo leaves intact in at least one: thirds of a long query, halves of a
 * medium one, trigrams of a short one. A fuzzy candidate contains at least one of them.
 */
export function fuzzyPieces(text: string): string[] {
  const chars = [...text];
  const n = chars.length;
  if (n < 4) return [];
  const parts = n >= 9 ? 3 : n >= 6 ? 2 : 0;
  if (parts === 0) return [...trigrams(text)].filter((g) => !g.includes(' ')).slice(0, 8);
  const size = Math.ceil(n / parts);
  const out: string[] = [];
  for (let i = 0; i < n; i += size) {
    const piece = chars.slice(i, i + size).join('');
    if ([...piece].length >= 3) out.push(piece);
  }
  return [...new Set(out)];
}
