import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DAY, formatDate, parseInstant } from '../../domain/time.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { scoreOf } from '../queries/queries.usecases.ts';
import { ORGS, rec, subjects } from '../testing/governance.fixtures.ts';
import { testRegistry } from '../testing/test-registry.ts';
import { checkRulebook, draftRulebook, publishRulebook, rulebookVersions } from './governance.rulebooks.ts';
import { whatIf } from './governance.whatif.ts';

const DEFAULT = readFileSync('rulebooks/default.yaml', 'utf8');
const bump = (text: string, version: string, effective: string) =>
  text
    .replace(/^version: .*$/m, `version: "${version}"`)
    .replace(/^effective_from: .*$/m, `effective_from: ${effective}`);

test('a published version cannot take effect before its comment period ends, and is not used before its date', async () => {
  const r = await testRegistry('2026-11-01');
  try {
    const early = bump(DEFAULT, '2027.1', '2026-11-15');
    await assert.rejects(
      publishRulebook(r.ctx, early, 'P30D'),
      (e: { code: string; message: string }) =>
        e.code === 'rulebook.effective_before_comment_end' && e.message.includes('2026-12-01'),
    );
    const milder = bump(DEFAULT, '2027.1', '2027-01-01').replace(
      /(tax\.late_payment:[\s\S]*?points: )-10/,
      '$1-5',
    );
    const p = await publishRulebook(r.ctx, milder, 'P30D');
    assert.equal(formatDate(p.commentUntil), '2026-12-01');
    assert.ok(
      p.changes.some(
        (c) => c.path === 'record_types.tax.late_payment.points' && c.before === -10 && c.after === -5,
      ),
      'the diff names the change',
    );
    const versions = await rulebookVersions(r.ctx);
    assert.equal(versions[0]?.in_comment, true, 'anyone can read it while it is open for comment');
    await new Ingestor(r.ctx).apply([...subjects, rec('T1', ORGS[0]!, 'tax.late_payment', '2026-10-20')]);
    const before = await scoreOf(r.ctx, ORGS[0]!, parseInstant('2026-12-15'));
    const after = await scoreOf(r.ctx, ORGS[0]!, parseInstant('2027-01-10'));
    assert.equal(before.score, 990, 'the old deduction applies before the new version’s date');
    assert.equal(after.score, 995, 'the milder deduction applies from its date (lex mitior)');
  } finally {
    await r.dispose();
  }
});

test('a draft is kept and readable but never used for scoring', async () => {
  const r = await testRegistry('2026-11-01');
  try {
    const harsh = bump(DEFAULT, '2026.9', '2026-01-01').replace(
      /(tax\.late_payment:[\s\S]*?points: )-10/,
      '$1-40',
    );
    await draftRulebook(r.ctx, harsh);
    await new Ingestor(r.ctx).apply([...subjects, rec('T1', ORGS[0]!, 'tax.late_payment', '2026-10-01')]);
    assert.equal((await scoreOf(r.ctx, ORGS[0]!)).score, 990);
    assert.equal((await rulebookVersions(r.ctx)).find((v) => v.version === '2026.9')?.status, 'draft');
  } finally {
    await r.dispose();
  }
});

test('what-if: a draft identical to the active rulebook changes nothing; one milder deduction moves exactly the subjects with such records', async () => {
  const r = await testRegistry('2026-11-01');
  try {
    await new Ingestor(r.ctx).apply([
      ...subjects,
      rec('T1', ORGS[0]!, 'tax.late_payment', '2026-10-01'),
      rec('T2', ORGS[1]!, 'tax.late_payment', '2026-09-01'),
      rec('C1', ORGS[2]!, 'court.judgment_default', '2026-09-01'),
    ]);
    const same = await whatIf(r.ctx, checkRulebook(bump(DEFAULT, '2026.2', '2026-11-01')).value!);
    assert.equal(same.changed_grade, 0);
    assert.equal(same.most_affected.length, 0);
    assert.deepEqual(same.list_entries, {});
    const milder = checkRulebook(
      bump(DEFAULT, '2026.3', '2026-01-01').replace(/(tax\.late_payment:[\s\S]*?points: )-10/, '$1-5'),
    ).value!;
    const report = await whatIf(r.ctx, milder);
    assert.deepEqual(report.most_affected.map((a) => a.subject).sort(), [ORGS[0], ORGS[1]].sort());
    assert.ok(report.most_affected.every((a) => a.delta === 5));
  } finally {
    await r.dispose();
  }
});

test('what-if on worker threads gives the same report as in one thread, and renders as a self-contained HTML report', async () => {
  const r = await testRegistry('2026-11-01');
  try {
    const lines: Record<string, unknown>[] = [...subjects];
    ORGS.forEach((u, i) => {
      for (let k = 0; k <= i; k++)
        lines.push(
          rec(`T${i}-${k}`, u, 'tax.late_payment', formatDate(parseInstant('2026-09-01')! + k * 7 * DAY)),
        );
    });
    await new Ingestor(r.ctx).apply(lines);
    const milder = checkRulebook(
      bump(DEFAULT, '2026.3', '2026-01-01').replace(/(tax\.late_payment:[\s\S]*?points: )-10/, '$1-5'),
    ).value!;
    const one = await whatIf(r.ctx, milder, { workers: 1 });
    const two = await whatIf(r.ctx, milder, { workers: 2 });
    assert.deepEqual(two, one);
    assert.equal(one.subjects, ORGS.length);
    const { whatIfHtml } = await import('../reports/reports.whatif.ts');
    const html = whatIfHtml(
      one,
      milder.grades.map((g) => g.grade),
    );
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<svg role="img"/);
    assert.ok(!/<script/.test(html), 'no script: a report to read anywhere');
  } finally {
    await r.dispose();
  }
});
