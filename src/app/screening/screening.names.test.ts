import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  NAME_THRESHOLD,
  nameSimilarity,
  normalizeName,
  rankCandidates,
  searchKeys,
} from './screening.names.ts';

test('legal forms, case, width and punctuation do not make two names different', () => {
  assert.equal(normalizeName('深圳市示例科技有限公司'), normalizeName('深圳市示例科技股份有限公司'));
  assert.equal(normalizeName('Fuzhou Example Co., Ltd.'), 'fuzhou example');
  assert.equal(normalizeName('ＦＵＺＨＯＵ　ＥＸＡＭＰＬＥ　ＬＩＭＩＴＥＤ'), 'fuzhou example');
  assert.equal(nameSimilarity('Fuzhou Example Inc.', 'FUZHOU EXAMPLE CORPORATION'), 1);
});

test('a different company scores below the threshold; a near spelling above it', () => {
  assert.ok(nameSimilarity('深圳市示例科技有限公司', '深圳市另一家贸易有限公司') < NAME_THRESHOLD);
  assert.ok(nameSimilarity('Fuzhou Example Trading', 'Fuzhou Exampel Trading') < 1);
  assert.ok(nameSimilarity('Fuzhou Example Trading Co', 'Fuzhou Example Tradings Co') >= NAME_THRESHOLD);
  assert.equal(nameSimilarity('Co., Ltd.', 'Co., Ltd.'), 0, 'a bare legal form names no one');
});

test('an exact match wins over near ones; two near ones are ambiguous, never guessed', () => {
  const orgs = [{ name: 'Example Trading Co.' }, { name: 'Example Tradings Co.' }];
  assert.equal(rankCandidates('Example Trading Ltd', orgs).match, orgs[0]);
  const near = rankCandidates('Example Tradin', orgs);
  assert.equal(near.match, undefined);
  assert.equal(near.ambiguous, true);
});

test('the search keys are the leading word (two characters of a Chinese name) and the name itself', () => {
  assert.deepEqual(searchKeys('深圳市示例科技有限公司'), ['深圳', '深圳市示例科技有限公司']);
  assert.deepEqual(searchKeys('Fuzhou Example Co., Ltd.'), ['fuzhou', 'Fuzhou Example Co., Ltd.']);
  assert.deepEqual(searchKeys('有限公司'), []);
});
