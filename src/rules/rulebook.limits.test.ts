import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { LineCounter } from 'yaml';
import { MAX_ALIAS_EXPANSION, parseYamlLinear, prescanYaml, YAML_LIMITS } from './rulebook.limits.ts';
import { loadRulebook } from './rulebook.loader.ts';

const DEFAULT = readFileSync(new URL('../../rulebooks/default.yaml', import.meta.url), 'utf8');
const load = (text: string) => loadRulebook(text, { hash: 'h' });

/** A flat mapping of `n` keys: what a careless or hostile what-if body looks like. */
const manyKeys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join('\n');

/** The "billion laughs": nine levels of nine aliases each, a few hundred bytes expanding to 9^9 strings. */
function aliasBomb(): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++)
    lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  return lines.join('\n');
}

test('the shipped rulebooks pass the limits with ample room', () => {
  assert.equal(prescanYaml(DEFAULT), undefined);
  for (const f of ['design-example.yaml', 'eu.yaml'])
    assert.equal(
      prescanYaml(readFileSync(new URL(`../../rulebooks/examples/${f}`, import.meta.url), 'utf8')),
      undefined,
    );
  assert.ok(load(DEFAULT).value, 'the default rulebook still loads');
  // room: twenty default rulebooks' worth of entries would still pass the key limit
  assert.equal(prescanYaml(DEFAULT.repeat(10), { ...YAML_LIMITS, chars: 10 * DEFAULT.length }), undefined);
});

test('a half-megabyte body of many keys is refused before parsing, in milliseconds', () => {
  const text = manyKeys(40_000);
  assert.ok(text.length > 500_000);
  const t0 = performance.now();
  const r = load(text);
  const ms = performance.now() - t0;
  assert.equal(r.value, undefined);
  assert.equal(r.issues[0]?.code, 'rulebook.too_many_keys');
  // the parser alone needs hundreds of milliseconds for this text; refusing it must cost far less
  assert.ok(ms < 500, `refused in ${ms.toFixed(0)} ms`);
});

test('parsing is linear in the number of keys: duplicates are still found', () => {
  // 8,000 and 24,000 keys: quadratic duplicate checking made the second nine times slower; linear is ~3×
  const time = (n: number) => {
    const text = manyKeys(n);
    const t0 = performance.now();
    parseYamlLinear(text, new LineCounter());
    return performance.now() - t0;
  };
  time(2_000); // warm up the parser
  const small = Math.min(time(8_000), time(8_000));
  const large = Math.min(time(24_000), time(24_000));
  assert.ok(large < small * 6, `8k keys ${small.toFixed(0)} ms, 24k keys ${large.toFixed(0)} ms`);
  const dup = load(`${manyKeys(3)}\nk1: again\n`);
  assert.equal(dup.value, undefined);
  assert.match(dup.issues[0]?.message ?? '', /unique/);
  assert.equal(dup.issues[0]?.line, 4, 'the duplicate is named by its line');
});

test('an alias bomb is refused with its own code, never expanded', () => {
  const r = load(aliasBomb());
  assert.equal(r.value, undefined);
  assert.equal(r.issues[0]?.code, 'rulebook.alias_limit');
  assert.ok(prescanYaml(aliasBomb()), 'refused by the pre-scan, before the parser sees it');
  // many plain aliases are refused by count before anything is resolved
  const many = `a: &x 1\n${Array.from({ length: 30 }, (_, i) => `b${i}: *x`).join('\n')}`;
  assert.equal(load(many).issues[0]?.code, 'rulebook.alias_limit');
  // behind the pre-scan: the parsed alias nodes are counted, and the conversion refuses to expand
  const parsed = parseYamlLinear(aliasBomb(), new LineCounter());
  assert.equal(parsed.aliasIssue?.code, 'rulebook.alias_limit');
  assert.throws(() => parsed.doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION }), /alias/i);
  // prose with stars and ampersands is not mistaken for aliases
  const prose = Array.from({ length: 50 }, (_, i) => `n${i}: "R&D *important* & more" # *x &y`).join('\n');
  assert.equal(prescanYaml(prose), undefined);
  // a few merge keys, as an author might write them, pass
  const merges = `base: &base {points: -5}\n${Array.from({ length: 5 }, (_, i) => `t${i}: {<<: *base}`).join('\n')}`;
  assert.equal(prescanYaml(merges), undefined);
});

test('deep nesting and oversize texts are refused with their own codes', () => {
  assert.equal(load(`${'['.repeat(10_000)}${']'.repeat(10_000)}`).issues[0]?.code, 'rulebook.too_deep');
  const deepBlock = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n');
  assert.equal(load(deepBlock).issues[0]?.code, 'rulebook.too_deep');
  assert.equal(load(`# ${'x'.repeat(YAML_LIMITS.chars)}`).issues[0]?.code, 'rulebook.too_large');
});

test('adversarial: keys written in flow style or as sequence items are counted too', () => {
  const flow = `{${Array.from({ length: 25_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
  assert.equal(load(flow).issues[0]?.code, 'rulebook.too_many_keys');
  const seq = Array.from({ length: 25_000 }, (_, i) => `- ${i}`).join('\n');
  assert.equal(load(seq).issues[0]?.code, 'rulebook.too_many_keys');
});
