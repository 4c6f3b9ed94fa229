// Chinese resident identity number (GB 11643): 6-digit region, 8-digit birth date, 3-digit sequence,
// and an ISO 7064 MOD 11-2 check character. See REFERENCE.md "Identifiers".
import { CredenceError } from './errors.js';
import { PROVINCE_CODES } from './usci.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Which rule a number broke. */
export type NationalIdRule = 'length' | 'digits' | 'province' | 'birth_date' | 'check';

export type NationalIdCheck =
  | { ok: true }
  | { ok: false; rule: NationalIdRule; position: number; found: string; expected: string; message: string };

/** The earliest birth year accepted: the standard's own example, 440524188001010014, was born in 1880. */
export const EARLIEST_BIRTH_YEAR = 1800;

/**
 * Checks an identity number: length, digits 1–17, a province code of GB/T 2260 in 1–2, a real birth date in
 * 7–14 (from 1800, and not after `today` when given), the check character (upper-case X only).
 */
export function checkNationalId(id: string, today?: number): NationalIdCheck {
  const chars = Array.from(id);
  if (chars.length !== 18) {
    return fail(
      'length',
      Math.min(chars.length + 1, 19),
      `${chars.length} characters`,
      '18 characters',
      `has ${chars.length} characters, expected 18`,
    );
  }
  for (let i = 0; i < 17; i++) {
    const ch = chars[i]!;
    if (ch < '0' || ch > '9')
      return fail('digits', i + 1, ch, 'a digit', `character ${i + 1} is '${ch}', expected a digit`);
  }
  const province = id.slice(0, 2);
  if (!PROVINCE_CODES.has(province))
    return fail(
      'province',
      1,
      province,
      'a GB/T 2260 province code',
      `characters 1-2 are '${province}', which is no province code of GB/T 2260 (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81-83, 91)`,
    );
  const birth = id.slice(6, 14);
  if (!isBirthDate(birth)) {
    return fail(
      'birth_date',
      7,
      birth,
      'a birth date YYYYMMDD',
      `characters 7-14 are '${birth}', expected a real birth date (YYYYMMDD, year ${EARLIEST_BIRTH_YEAR} or later)`,
    );
  }
  if (today !== undefined && birthInstant(birth) > today)
    return fail(
      'birth_date',
      7,
      birth,
      'a birth date not in the future',
      `characters 7-14 are '${birth}', a birth date in the future`,
    );
  const expected = nationalIdCheckChar(id.slice(0, 17));
  const found = chars[17]!;
  if (found !== expected) {
    // A lower-case x is reported rather than accepted: the stored number must be the official form.
    const hint = found === 'x' && expected === 'X' ? 'check character, upper-case' : 'check character';
    return fail('check', 18, found, expected, `character 18 is '${found}', expected '${expected}' (${hint})`);
  }
  return { ok: true };
}

function fail(
  rule: NationalIdRule,
  position: number,
  found: string,
  expected: string,
  message: string,
): NationalIdCheck {
  return { ok: false, rule, position, found, expected, message };
}

function birthInstant(yyyymmdd: string): number {
  return Date.UTC(
    Number(yyyymmdd.slice(0, 4)),
    Number(yyyymmdd.slice(4, 6)) - 1,
    Number(yyyymmdd.slice(6, 8)),
  );
}

function isBirthDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < EARLIEST_BIRTH_YEAR || m < 1 || m > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one; UTC so the host zone cannot shift it.
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The MOD 11-2 check character for the first 17 digits. Throws on malformed input. */
export function nationalIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw invalidInput(`expected 17 digits, got '${first17}'`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Builds a valid identity number from a region, a birth date and a 3-digit sequence (for simulations). */
export function makeNationalId(region6: string, birthYYYYMMDD: string, seq3: string): string {
  if (!/^\d{6}$/.test(region6) || !PROVINCE_CODES.has(region6.slice(0, 2)))
    throw invalidInput(`region must be 6 digits starting with a province code, got '${region6}'`);
  if (!isBirthDate(birthYYYYMMDD))
    throw invalidInput(`birth date must be a real YYYYMMDD date, got '${birthYYYYMMDD}'`);
  if (!/^\d{3}$/.test(seq3)) throw invalidInput(`sequence must be 3 digits, got '${seq3}'`);
  const first17 = region6 + birthYYYYMMDD + seq3;
  return first17 + nationalIdCheckChar(first17);
}

function invalidInput(message: string): CredenceError {
  return new CredenceError('identifier.invalid_input', `identity number: ${message}`);
}
