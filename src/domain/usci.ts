// Unified Social Credit Identifier (GB 32100-2015). Algorithm and vectors: DESIGN.md §7.
// We do not use npm `stdnum`: it rejects valid codes whose check character is '0'.
import { CredenceError } from './errors.js';

/** The 31 symbols of a USCI; a symbol's value is its index. I, O, S, V and Z are left out to avoid misreading. */
export const USCI_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const USCI_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const ALPHABET_HINT = 'one of 0-9 or A-Y except I, O, S, V, Z';

/** Which rule a code broke: its length, its alphabet, its meaningful parts (GB 32100-2015 §4), or a check character. */
export type UsciRule = 'length' | 'alphabet' | 'authority' | 'category' | 'region' | 'org_check' | 'check';

export type UsciCheck =
  | { ok: true; exception: boolean }
  | { ok: false; rule: UsciRule; position: number; found: string; expected: string; message: string };

/**
 * Registration-authority codes (position 1) from GB 32100-2015, in English.
 * Codes not listed here are "other"; use `authorityLabel` for a lookup with that fallback.
 */
export const USCI_AUTHORITIES: Record<string, string> = {
  '1': 'institutional organization',
  '2': 'foreign affairs',
  '3': 'judicial administration',
  '4': 'culture',
  '5': 'civil affairs',
  '6': 'tourism',
  '7': 'religious affairs',
  '8': 'trade unions',
  '9': 'industry and commerce (market regulation)',
  A: 'military establishment',
  N: 'agriculture',
  Y: 'other',
};

/**
 * The institution-category codes (position 2) each registration authority (position 1) may issue, per the
 * GB 32100-2015 code table: e.g. market regulation (9) issues 1 enterprise, 2 individual business, 3 farmers'
 * cooperative; "other" (Y) does not divide its bodies and always uses 1.
 */
export const USCI_CATEGORIES: Readonly<Record<string, string>> = {
  '1': '1239',
  '2': '19',
  '3': '123459',
  '4': '19',
  '5': '1239',
  '6': '129',
  '7': '129',
  '8': '19',
  '9': '123',
  A: '19',
  N: '1239',
  Y: '1',
};

/**
 * The province-level codes of GB/T 2260 (the first two digits of an administrative region): 11–15 north,
 * 21–23 north-east, 31–37 east, 41–46 south-central, 50–54 south-west, 61–65 north-west, 71 Taiwan, 81 Hong Kong,
 * 82 Macao; 83 and 91 are used in residence-permit numbers for residents of Taiwan and foreigners.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set(
  [
    [11, 15],
    [21, 23],
    [31, 37],
    [41, 46],
    [50, 54],
    [61, 65],
    [71, 71],
    [81, 83],
    [91, 91],
  ].flatMap(([a, b]) => Array.from({ length: b! - a! + 1 }, (_, i) => String(a! + i))),
);

/** The English label of a registration-authority code, "other" when the code is not known. */
export function authorityLabel(authority: string): string {
  return Object.hasOwn(USCI_AUTHORITIES, authority) ? USCI_AUTHORITIES[authority]! : 'other';
}

/** Checks a USCI: length, alphabet, organization-code check (pos 17), USCI check (pos 18). */
export function checkUsci(code: string, exceptions?: ReadonlySet<string>): UsciCheck {
  // Code points, not UTF-16 units, so a pasted emoji is one bad character at the right position.
  const chars = Array.from(code);
  if (chars.length !== 18) {
    const position = Math.min(chars.length + 1, 19);
    return {
      ok: false,
      rule: 'length',
      position,
      found: `${chars.length} characters`,
      expected: '18 characters',
      message: `has ${chars.length} characters, expected 18`,
    };
  }
  for (let i = 0; i < 18; i++) {
    const ch = chars[i]!;
    if (USCI_ALPHABET.includes(ch)) continue;
    const upper = ch.toUpperCase();
    // A lower-case letter is reported, not silently upper-cased: the stored code must be the official one.
    if (upper !== ch && USCI_ALPHABET.includes(upper)) {
      return mismatch('alphabet', i + 1, ch, upper, 'USCI codes use upper-case letters');
    }
    return mismatch('alphabet', i + 1, ch, ALPHABET_HINT, undefined);
  }
  const parts = partsFailure(code);
  if (parts !== undefined) return parts;
  const failure = checksumFailure(code);
  if (failure === undefined) return { ok: true, exception: false };
  // Only a checksum may be excused, and only by an explicit list (pilot-era codes that were issued this way).
  if (exceptions?.has(code)) return { ok: true, exception: true };
  return failure;
}

/** The meaningful parts: a known authority, a category that authority issues, a region of GB/T 2260. */
function partsFailure(code: string): UsciCheck | undefined {
  const authority = code[0]!;
  const categories = Object.hasOwn(USCI_CATEGORIES, authority) ? USCI_CATEGORIES[authority]! : undefined;
  if (categories === undefined)
    return unknownPart(
      'authority',
      1,
      authority,
      `a registration-authority code (${Object.keys(USCI_CATEGORIES).join(' ')})`,
    );
  const category = code[1]!;
  if (!categories.includes(category))
    return unknownPart(
      'category',
      2,
      category,
      `a category of authority ${authority} (${authorityLabel(authority)}): ${[...categories].join(' ')}`,
    );
  const region = code.slice(2, 8);
  const digit = region.search(/\D/);
  if (digit >= 0)
    return unknownPart('region', 3 + digit, region[digit]!, 'a digit (positions 3-8 are a region code)');
  // 10xxxx: bodies registered at national level (100000)
  if (!PROVINCE_CODES.has(region.slice(0, 2)) && region !== '100000')
    return {
      ok: false,
      rule: 'region',
      position: 3,
      found: region,
      expected: 'a GB/T 2260 region code',
      message: `characters 3-8 are '${region}', which is not a region code: its first two digits '${region.slice(0, 2)}' are no province (GB/T 2260), and it is not 100000 (national level)`,
    };
  return undefined;
}

function unknownPart(rule: UsciRule, position: number, found: string, expected: string): UsciCheck {
  return {
    ok: false,
    rule,
    position,
    found,
    expected,
    message: `character ${position} is '${found}', expected ${expected}`,
  };
}

function checksumFailure(code: string): UsciCheck | undefined {
  const org = orgCodeCheckChar(code.slice(8, 16));
  if (code[16] !== org) return mismatch('org_check', 17, code[16]!, org, 'organization code check character');
  const usci = usciCheckChar(code.slice(0, 17));
  if (code[17] !== usci) return mismatch('check', 18, code[17]!, usci, 'check character');
  return undefined;
}

function mismatch(
  rule: UsciRule,
  position: number,
  found: string,
  expected: string,
  why: string | undefined,
): UsciCheck {
  const shown = why === undefined ? expected : `'${expected}' (${why})`;
  return {
    ok: false,
    rule,
    position,
    found,
    expected,
    message: `character ${position} is '${found}', expected ${shown}`,
  };
}

/** The USCI check character (position 18) for the first 17 characters. Throws on malformed input. */
export function usciCheckChar(first17: string): string {
  if (first17.length !== 17) throw invalidInput(`expected 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCI_ALPHABET.indexOf(first17[i]!);
    if (v < 0) throw invalidInput(`character ${i + 1} '${first17[i]}' is not in the USCI alphabet`);
    sum += v * USCI_WEIGHTS[i]!;
  }
  const c = 31 - (sum % 31);
  return c === 31 ? '0' : USCI_ALPHABET[c]!;
}

/** The GB 11714 organization-code check character for an 8-character code body. Throws on malformed input. */
export function orgCodeCheckChar(eight: string): string {
  if (eight.length !== 8) throw invalidInput(`expected 8 characters, got ${eight.length}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    // GB 11714 values letters by their place in the full Latin alphabet, not by the USCI alphabet.
    const v = Number.parseInt(eight[i]!, 36);
    if (Number.isNaN(v) || eight[i] !== eight[i]!.toUpperCase()) {
      throw invalidInput(`character ${i + 1} '${eight[i]}' is not 0-9 or A-Z`);
    }
    sum += v * ORG_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Builds a valid USCI from authority+category+region (8 chars) and an 8-char organization code body. */
export function makeUsci(prefix8: string, orgBody8: string): string {
  if (prefix8.length !== 8) throw invalidInput(`prefix must be 8 characters, got ${prefix8.length}`);
  const first16 = prefix8 + orgBody8;
  const first17 = first16 + orgCodeCheckChar(orgBody8);
  return first17 + usciCheckChar(first17);
}

/** Splits a USCI into its parts; it does not validate (use `checkUsci` first). */
export function describeUsci(code: string): {
  authority: string;
  category: string;
  region: string;
  orgCode: string;
} {
  return {
    authority: code.slice(0, 1),
    category: code.slice(1, 2),
    region: code.slice(2, 8),
    orgCode: code.slice(8, 17),
  };
}

const SECTORS: Record<string, string> = {
  '91': 'enterprise',
  '92': 'individual business',
  '93': 'farmers cooperative',
  '11': 'institution',
  '12': 'institution',
  '51': 'social organization',
  '52': 'social organization',
  '53': 'social organization',
};

/** A short sector label from the authority and category (positions 1–2). */
export function sectorOf(code: string): string {
  const key = code.slice(0, 2);
  return Object.hasOwn(SECTORS, key) ? SECTORS[key]! : 'other';
}

/** The province part of the administrative region (positions 3–4), e.g. '35' for Fujian. */
export function regionOf(code: string): string {
  return code.slice(2, 4);
}

function invalidInput(message: string): CredenceError {
  return new CredenceError('identifier.invalid_input', `USCI: ${message}`);
}
