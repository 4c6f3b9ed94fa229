import assert from 'node:assert/strict';
import { test } from 'node:test';
import { preparable, stableStatement, statementName } from './postgres.statements.ts';

test('a statement is kept prepared only when its text does not grow with its input', () => {
  assert.ok(stableStatement('select * from "subjects" where "id" = $1'));
  assert.ok(stableStatement('select * from "subjects" where "id" = any($1::bigint[])'));
  assert.ok(stableStatement('insert into "checks" ("a", "b") values ($1, $2) returning "seq"'));
  assert.ok(stableStatement('with x as (select 1) select * from x'));
  assert.ok(stableStatement('select * from "subjects" where "usci" in ($1)'), 'an IN list of one value');
  assert.ok(!stableStatement('select * from "subjects" where "id" in ($1, $2, $3)'), 'an IN list of three');
  assert.ok(
    !stableStatement('insert into "notices" ("a", "b") values ($1, $2), ($3, $4)'),
    'two VALUES rows',
  );
  assert.ok(!stableStatement('begin'));
  assert.ok(!stableStatement('create table t (a int)'));
});

test('a batch of ids is planned for its own size, a single key is not', () => {
  const text = 'select * from "records" where "subject_id" = any($1::bigint[])';
  assert.ok(!preparable(text, [[1, 2, 3]]));
  assert.ok(preparable('select * from "records" where "subject_id" = $1', [1]));
});

test('one statement text has one name, another text another', () => {
  const a = statementName('select 1 where $1 = 1');
  assert.equal(a, statementName('select 1 where $1 = 1'));
  assert.notEqual(a, statementName('select 2 where $1 = 1'));
  assert.ok(a.length < 64, 'within PostgreSQL’s identifier length');
});
