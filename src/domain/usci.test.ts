import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  authorityLabel,
  checkUsci,
  describeUsci,
  makeUsci,
  orgCodeCheckChar,
  regionOf,
  sectorOf,
  USCI_ALPHABET,
  USCI_AUTHORITIES,
  USCI_CATEGORIES,
  usciCheckChar,
} from './usci.js';

const VALID = ['91350100M000100Y43', '91230184MA1BUFLT44', '92371000MA3MXH0E3W', '91350100M006400Y60'];
const PILOT_ERA = '91350100M0001TGQXM';

function rejected(code: string, exceptions?: ReadonlySet<string>) {
  const r = checkUsci(code, exceptions);
  if (r.ok) assert.fail(`expected ${code} to be rejected`);
  return r;
}

describe('USCI check', () => {
  for (const code of VALID) {
    test(`the published code ${code} is accepted`, () => {
      assert.deepEqual(checkUsci(code), { ok: true, exception: false });
    });
  }

  test('a USCI whose check character is 0 is accepted', () => {
    assert.equal(usciCheckChar('91350100M006400Y6'), '0');
    assert.deepEqual(checkUsci('91350100M006400Y60'), { ok: true, exception: false });
  });

  test('the worked example sums to 1640 and gets check character 3', () => {
    assert.equal(usciCheckChar('91350100M000100Y4'), '3');
  });

  test('a pilot-era code that fails the checksum is rejected with the position of the check character', () => {
    const r = rejected(PILOT_ERA);
    assert.equal(r.position, 18);
    assert.equal(r.found, 'M');
    assert.equal(r.expected, usciCheckChar(PILOT_ERA.slice(0, 17)));
    assert.equal(r.message, `character 18 is 'M', expected '${r.expected}' (check character)`);
  });

  test('a pilot-era code on the evidenced exception list is accepted and marked as an exception', () => {
    assert.deepEqual(checkUsci(PILOT_ERA, new Set([PILOT_ERA])), { ok: true, exception: true });
  });

  test('a valid code that also appears on the exception list is not marked as an exception', () => {
    assert.deepEqual(checkUsci(VALID[0]!, new Set([VALID[0]!])), { ok: true, exception: false });
  });

  test('the exception list never excuses a bad length or a bad character', () => {
    const short = VALID[0]!.slice(0, 17);
    const badChar = `${VALID[0]!.slice(0, 10)}I${VALID[0]!.slice(11)}`;
    const lower = VALID[1]!.toLowerCase();
    for (const code of [short, badChar, lower]) rejected(code, new Set([code]));
  });

  test('a wrong check character is reported with what was expected', () => {
    const r = rejected('91350100M000100Y4X');
    assert.deepEqual(r, {
      ok: false,
      rule: 'check',
      position: 18,
      found: 'X',
      expected: '3',
      message: "character 18 is 'X', expected '3' (check character)",
    });
  });

  test('a wrong organization code check character is reported at position 17', () => {
    const r = rejected('91350100M000100YX3');
    assert.equal(r.position, 17);
    assert.equal(r.found, 'X');
    assert.equal(r.expected, '4');
    assert.match(r.message, /organization code check character/);
  });

  test('a code that is too short is reported at the first missing position with its length', () => {
    const r = rejected('91350100M000100Y4');
    assert.equal(r.position, 18);
    assert.match(r.message, /17 characters, expected 18/);
    assert.equal(rejected('').position, 1);
  });

  test('a code that is too long is reported at position 19', () => {
    const r = rejected(`${VALID[0]}0`);
    assert.equal(r.position, 19);
    assert.match(r.message, /19 characters, expected 18/);
  });

  test('a lower-case letter is not silently accepted: its position and upper-case form are reported', () => {
    const r = rejected('91350100m000100Y43');
    assert.equal(r.position, 9);
    assert.equal(r.found, 'm');
    assert.equal(r.expected, 'M');
  });

  test('each letter left out of the alphabet (I, O, S, V, Z) is rejected at its position', () => {
    for (const bad of ['I', 'O', 'S', 'V', 'Z', 'i', '-', ' ']) {
      const code = `${VALID[1]!.slice(0, 11)}${bad}${VALID[1]!.slice(12)}`;
      const r = rejected(code);
      assert.equal(r.position, 12, bad);
      assert.equal(r.found, bad);
      assert.equal(r.expected, 'one of 0-9 or A-Y except I, O, S, V, Z');
    }
  });

  test('a character outside the basic plane counts as one character at its position', () => {
    const r = rejected('9135😀100M000100Y43');
    assert.equal(r.position, 5);
    assert.equal(r.found, '😀');
  });

  test('changing any single character of a valid code to another alphabet symbol is rejected', () => {
    let tried = 0;
    for (const code of VALID) {
      for (let i = 0; i < 18; i++) {
        for (const sym of USCI_ALPHABET) {
          if (sym === code[i]) continue;
          const mutated = code.slice(0, i) + sym + code.slice(i + 1);
          const r = rejected(mutated);
          if (i === 17) assert.equal(r.position, 18, mutated);
          if (i === 16) assert.equal(r.position, 17, mutated);
          // the meaningful parts (1-8) are caught by their own rule or, when still meaningful, by the check
          if (i < 8) assert.ok(r.position === 18 || r.position <= 8, mutated);
          tried++;
        }
      }
    }
    assert.equal(tried, VALID.length * 18 * 30);
  });

  test('swapping two adjacent different characters of a valid code is rejected', () => {
    for (const code of VALID) {
      for (let i = 0; i < 17; i++) {
        if (code[i] === code[i + 1]) continue;
        rejected(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2));
      }
    }
  });
});

describe('check character helpers', () => {
  test('the organization code check character of each published code matches its position 17', () => {
    for (const code of VALID) assert.equal(orgCodeCheckChar(code.slice(8, 16)), code[16]);
  });

  test('an organization code whose remainder leaves 10 gets check character X', () => {
    // 6 × 2 = 12, 12 mod 11 = 1, 11 − 1 = 10 → X
    assert.equal(orgCodeCheckChar('00000006'), 'X');
  });

  test('an organization code whose sum is a multiple of 11 gets check character 0', () => {
    assert.equal(orgCodeCheckChar('00000000'), '0');
  });

  test('organization code letters count from A = 10 in the full Latin alphabet', () => {
    // Z = 35: 35*2 = 70, 70 mod 11 = 4, 11 − 4 = 7
    assert.equal(orgCodeCheckChar('0000000Z'), '7');
  });

  test('check character helpers refuse malformed input instead of guessing', () => {
    assert.throws(() => usciCheckChar('123'), /17 characters/);
    assert.throws(() => usciCheckChar('91350100I000100Y4'), /not in the USCI alphabet/);
    assert.throws(() => orgCodeCheckChar('1234567'), /8 characters/);
    assert.throws(() => orgCodeCheckChar('m0001000'), /not 0-9 or A-Z/);
    assert.throws(() => orgCodeCheckChar('M000-000'), /not 0-9 or A-Z/);
  });
});

describe('building codes for simulations', () => {
  test('makeUsci rebuilds each published code from its prefix and organization code body', () => {
    for (const code of VALID) assert.equal(makeUsci(code.slice(0, 8), code.slice(8, 16)), code);
  });

  test('every generated code is accepted', () => {
    // A deterministic walk over bodies so the organization check hits X and 0 as well as digits.
    const seen = new Set<string>();
    for (let n = 0; n < 500; n++) {
      let body = '';
      let x = n * 7919 + 13;
      for (let k = 0; k < 8; k++) {
        body += USCI_ALPHABET[x % 31];
        x = Math.floor(x / 31) + k * 17 + n;
      }
      const code = makeUsci('91350100', body);
      seen.add(code[16]!);
      assert.deepEqual(checkUsci(code), { ok: true, exception: false }, code);
    }
    assert.ok(seen.has('X') && seen.has('0'), 'organization check characters X and 0 were exercised');
  });

  test('makeUsci refuses a prefix of the wrong length', () => {
    assert.throws(() => makeUsci('9135010', 'M0001000'), /8 characters/);
  });
});

describe('reading a code', () => {
  test('a code is split into authority, category, region and organization code', () => {
    assert.deepEqual(describeUsci('91350100M000100Y43'), {
      authority: '9',
      category: '1',
      region: '350100',
      orgCode: 'M000100Y4',
    });
  });

  test('registration authorities have English labels and unknown ones are "other"', () => {
    assert.equal(USCI_AUTHORITIES['1'], 'institutional organization');
    assert.equal(USCI_AUTHORITIES['5'], 'civil affairs');
    assert.equal(USCI_AUTHORITIES['9'], 'industry and commerce (market regulation)');
    assert.equal(USCI_AUTHORITIES['Y'], 'other');
    assert.equal(authorityLabel('9'), 'industry and commerce (market regulation)');
    assert.equal(authorityLabel('B'), 'other');
    assert.equal(authorityLabel('toString'), 'other');
  });

  test('the sector is read from the first two characters', () => {
    assert.equal(sectorOf('91350100M000100Y43'), 'enterprise');
    assert.equal(sectorOf('92371000MA3MXH0E3W'), 'individual business');
    assert.equal(sectorOf('93xxxxxx'), 'farmers cooperative');
    assert.equal(sectorOf('11xxxxxx'), 'institution');
    assert.equal(sectorOf('12xxxxxx'), 'institution');
    for (const c of ['51', '52', '53']) assert.equal(sectorOf(`${c}xxxxxx`), 'social organization');
    for (const c of ['54', '19', 'Y1', '']) assert.equal(sectorOf(`${c}xxxxxx`), 'other');
  });

  test('the province is read from positions 3 and 4', () => {
    assert.equal(regionOf('91350100M000100Y43'), '35');
    assert.equal(regionOf('91230184MA1BUFLT44'), '23');
  });
});

describe('the meaningful parts of a USCI (GB 32100-2015)', () => {
  const real = readFileSync(new URL('./usci.stdnum-fixture.txt', import.meta.url), 'utf8')
    .trim()
    .split('\n');

  test('every real code of python-stdnum’s test file is accepted', () => {
    assert.ok(real.length >= 216, `${real.length} codes read`);
    for (const code of real) assert.deepEqual(checkUsci(code), { ok: true, exception: false }, code);
  });

  test('a code whose region is not a region is refused even when its check characters are right', () => {
    const forged = makeUsci('91AB0100', 'M0001000');
    const r = rejected(forged);
    assert.equal(r.rule, 'region');
    assert.equal(r.position, 3);
    assert.match(r.message, /character 3 is 'A', expected a digit/);
    const noProvince = rejected(makeUsci('91990100', 'M0001000'));
    assert.equal(noProvince.rule, 'region');
    assert.match(noProvince.message, /'99' are no province/);
  });

  test('the forged codes of the security report are refused', () => {
    assert.equal(rejected('91AB0100M000100Y4T').position, 3);
    const zeros = rejected('000000000000000000');
    assert.equal(zeros.rule, 'authority');
    assert.equal(zeros.position, 1);
  });

  test('an authority issues only its own categories', () => {
    for (const [authority, categories] of Object.entries(USCI_CATEGORIES))
      for (const category of '0123456789') {
        const code = makeUsci(`${authority}${category}350100`, 'M0001000');
        const r = checkUsci(code);
        if (categories.includes(category)) assert.equal(r.ok, true, code);
        else assert.equal(r.ok === false && r.rule, 'category', code);
      }
    assert.equal(
      rejected(makeUsci('94350100', 'M0001000')).position,
      2,
      'market regulation has no category 4',
    );
    assert.equal(rejected(makeUsci('Y2350100', 'M0001000')).position, 2, '"other" uses category 1 only');
  });

  test('an unknown registration authority is refused at position 1', () => {
    for (const authority of ['0', 'B', 'M', 'X']) {
      const r = rejected(makeUsci(`${authority}1350100`, 'M0001000'));
      assert.equal(r.rule, 'authority');
    }
  });

  test('bodies registered at national level (region 100000) are accepted', () => {
    assert.equal(checkUsci(makeUsci('11100000', '00001333')).ok, true);
    assert.equal(checkUsci(makeUsci('51100000', '50000052')).ok, true);
  });

  test('the exception list still excuses a pilot-era checksum, but never a forged region', () => {
    assert.deepEqual(checkUsci('91350100M0001TGQXM', new Set(['91350100M0001TGQXM'])), {
      ok: true,
      exception: true,
    });
    const forged = `91AB0100M0001TGQXM`;
    assert.equal(rejected(forged, new Set([forged])).position, 3);
  });
});
