import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkNationalId, makeNationalId, nationalIdCheckChar } from './national-id.js';

const KNOWN = '110101199003074514';

function rejected(id: string) {
  const r = checkNationalId(id);
  if (r.ok) assert.fail(`expected ${id} to be rejected`);
  return r;
}

// Deterministic sample: regions, birth dates (incl. leap days and month ends) and sequences.
const GENERATED = [
  makeNationalId('110101', '19900307', '451'),
  makeNationalId('350102', '20000229', '001'),
  makeNationalId('440305', '19001231', '999'),
  makeNationalId('230184', '19840131', '123'),
  makeNationalId('371000', '20231130', '070'),
  ...Array.from({ length: 40 }, (_, n) =>
    makeNationalId(
      `${[11, 13, 22, 31, 35, 37, 44, 46, 50, 54, 61, 65, 71, 81, 82][n % 15]}${String(100 + n * 37).padStart(4, '0')}`,
      `${1950 + n}${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}`,
      String((n * 37) % 1000).padStart(3, '0'),
    ),
  ),
];

describe('resident identity number check', () => {
  test('the published example number is accepted', () => {
    assert.deepEqual(checkNationalId(KNOWN), { ok: true });
  });

  test('every generated number is accepted', () => {
    for (const id of GENERATED) assert.deepEqual(checkNationalId(id), { ok: true }, id);
  });

  test('a number whose check character is X is accepted', () => {
    const withX = GENERATED.find((id) => id.endsWith('X')) ?? findWithCheck('X');
    assert.deepEqual(checkNationalId(withX), { ok: true });
  });

  test('a lower-case x check character is not silently accepted', () => {
    const withX = findWithCheck('X');
    const r = rejected(`${withX.slice(0, 17)}x`);
    assert.equal(r.position, 18);
    assert.equal(r.found, 'x');
    assert.equal(r.expected, 'X');
  });

  test('a wrong check character is reported at position 18 with the expected one', () => {
    const r = rejected('110101199003074510');
    assert.deepEqual(r, {
      ok: false,
      rule: 'check',
      position: 18,
      found: '0',
      expected: '4',
      message: "character 18 is '0', expected '4' (check character)",
    });
  });

  test('a number of the wrong length is rejected with its length', () => {
    assert.equal(rejected(KNOWN.slice(0, 15)).position, 16);
    const long = rejected(`${KNOWN}1`);
    assert.equal(long.position, 19);
    assert.match(long.message, /19 characters, expected 18/);
    assert.equal(rejected('').position, 1);
  });

  test('a letter among the first 17 characters is rejected at its position', () => {
    const r = rejected('11010119900307X514');
    assert.equal(r.position, 15);
    assert.equal(r.found, 'X');
    assert.equal(r.expected, 'a digit');
  });

  test('an impossible birth date is reported at position 7', () => {
    for (const date of ['19900230', '19890229', '19901301', '19900000', '19900431', '17991231']) {
      const first17 = `110101${date}451`;
      const r = rejected(first17 + nationalIdCheckChar(first17));
      assert.equal(r.position, 7, date);
      assert.equal(r.found, date);
      assert.match(r.message, /birth date/);
    }
  });

  test('a leap-day birth date is accepted only in leap years', () => {
    assert.deepEqual(checkNationalId(makeNationalId('110101', '20000229', '001')), { ok: true });
    assert.throws(() => makeNationalId('110101', '19000229', '001'), /birth date/);
  });

  test('changing any single character to another digit or X is rejected', () => {
    for (const id of [KNOWN, ...GENERATED]) {
      for (let i = 0; i < 18; i++) {
        for (const sym of '0123456789X') {
          if (sym === id[i]) continue;
          const mutated = id.slice(0, i) + sym + id.slice(i + 1);
          const r = rejected(mutated);
          if (i === 17) assert.equal(r.position, 18, mutated);
        }
      }
    }
  });

  test('swapping two adjacent different digits is rejected', () => {
    for (const id of [KNOWN, ...GENERATED]) {
      for (let i = 0; i < 17; i++) {
        if (id[i] === id[i + 1]) continue;
        rejected(id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2));
      }
    }
  });
});

describe('building identity numbers for simulations', () => {
  test('the published example is rebuilt from its parts', () => {
    assert.equal(makeNationalId('110101', '19900307', '451'), KNOWN);
  });

  test('malformed parts are refused instead of producing a bad number', () => {
    assert.throws(() => makeNationalId('11010', '19900307', '451'), /region/);
    assert.throws(() => makeNationalId('110101', '19900230', '451'), /birth date/);
    assert.throws(() => makeNationalId('110101', '19900307', '45'), /sequence/);
    assert.throws(() => nationalIdCheckChar('1101011990030745'), /17 digits/);
  });
});

function findWithCheck(check: string): string {
  for (let seq = 0; seq < 1000; seq++) {
    const id = makeNationalId('110101', '19900307', String(seq).padStart(3, '0'));
    if (id.endsWith(check)) return id;
  }
  throw new Error(`no sequence gives check ${check}`);
}

describe('the meaningful parts of an identity number', () => {
  const DAY_MS = 86_400_000;
  const today = Date.UTC(2026, 10, 1);

  test('the standard’s own example, born in 1880, is accepted', () => {
    assert.deepEqual(checkNationalId('440524188001010014', today), { ok: true });
  });

  test('a number whose first two digits are no province of GB/T 2260 is refused at position 1', () => {
    for (const province of [
      '00',
      '10',
      '16',
      '20',
      '24',
      '30',
      '38',
      '40',
      '47',
      '55',
      '60',
      '66',
      '72',
      '80',
      '84',
      '90',
      '99',
    ]) {
      const first17 = `${province}0101199003074${'51'}`;
      const r = rejected(first17 + nationalIdCheckChar(first17));
      assert.equal(r.rule, 'province', province);
      assert.equal(r.position, 1);
    }
    for (const province of [
      '11',
      '15',
      '21',
      '23',
      '31',
      '37',
      '41',
      '46',
      '50',
      '54',
      '61',
      '65',
      '71',
      '81',
      '82',
      '83',
      '91',
    ]) {
      const first17 = `${province}0101199003074${'51'}`;
      assert.deepEqual(checkNationalId(first17 + nationalIdCheckChar(first17)), { ok: true }, province);
    }
  });

  test('a birth date in the future is refused; today is accepted', () => {
    const tomorrow = makeNationalId('110101', '20261102', '001');
    const r = rejected2(tomorrow, today);
    assert.equal(r.rule, 'birth_date');
    assert.match(r.message, /in the future/);
    assert.deepEqual(checkNationalId(makeNationalId('110101', '20261101', '001'), today), { ok: true });
    assert.deepEqual(checkNationalId(tomorrow, today + DAY_MS), { ok: true });
  });

  test('a birth year before 1800 is refused', () => {
    const first17 = '11010117991231451';
    assert.equal(rejected(first17 + nationalIdCheckChar(first17)).rule, 'birth_date');
    assert.deepEqual(checkNationalId(makeNationalId('110101', '18000101', '001'), today), { ok: true });
  });
});

function rejected2(id: string, today: number) {
  const r = checkNationalId(id, today);
  if (r.ok) assert.fail(`expected ${id} to be rejected`);
  return r;
}
