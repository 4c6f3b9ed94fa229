// Chinese resident identity number (GB 11643): 6-digit region, 8-digit birth date, 3-digit sequence,
// and an ISO 7064 MOD 11-2 check character. See REFERENCE.md "Identifiers".
import { CredenceError } from './errors.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type NationalIdCheck =
  | { ok: true }
  | { ok: false; position: number; found: string; expected: string; message: string };

/** Checks an identity number: length, digits 1–17, birth date in 7–14, check character (upper-case X only). */
export function checkNationalId(id: string): NationalIdCheck {
  const chars = Array.from(id);
  if (chars.length !== 18) {
    return fail(
      Math.min(chars.length + 1, 19),
      `${chars.length} characters`,
      '18 characters',
      `has ${chars.length} characters, expected 18`,
    );
  }
  for (let i = 0; i < 17; i++) {
    const ch = chars[i]!;
    if (ch < '0' || ch > '9')
      return fail(i + 1, ch, 'a digit', `character ${i + 1} is '${ch}', expected a digit`);
  }
  const birth = id.slice(6, 14);
  if (!isBirthDate(birth)) {
    return fail(
      7,
      birth,
      'a birth date YYYYMMDD',
      `characters 7-14 are '${birth}', expected a real birth date (YYYYMMDD, year 1900 or later)`,
    );
  }
  const expected = nationalIdCheckChar(id.slice(0, 17));
  const found = chars[17]!;
  if (found !== expected) {
    // A lower-case x is reported rather than accepted: the stored number must be the official form.
    const hint = found === 'x' && expected === 'X' ? 'check character, upper-case' : 'check character';
    return fail(18, found, expected, `character 18 is '${found}', expected '${expected}' (${hint})`);
  }
  return { ok: true };
}

function fail(position: number, found: string, expected: string, message: string): NationalIdCheck {
  return { ok: false, position, found, expected, message };
}

function isBirthDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
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
  if (!/^\d{6}$/.test(region6)) throw invalidInput(`region must be 6 digits, got '${region6}'`);
  if (!isBirthDate(birthYYYYMMDD))
    throw invalidInput(`birth date must be a real YYYYMMDD date, got '${birthYYYYMMDD}'`);
  if (!/^\d{3}$/.test(seq3)) throw invalidInput(`sequence must be 3 digits, got '${seq3}'`);
  const first17 = region6 + birthYYYYMMDD + seq3;
  return first17 + nationalIdCheckChar(first17);
}

function invalidInput(message: string): CredenceError {
  return new CredenceError('identifier.invalid_input', `identity number: ${message}`);
}
