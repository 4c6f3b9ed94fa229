// POST /v1/screenings over HTTP: who may screen, what comes back, and that each answer is a check the subject sees.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Static } from 'typebox';
import { Value } from 'typebox/value';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { exportFile } from '../app/queries/queries.export.ts';
import { testRegistry } from '../app/testing/test-registry.ts';
import { createToken } from '../app/tokens/tokens.usecases.ts';
import { makeUsci } from '../domain/usci.ts';
import { ScreeningResult } from './screenings.routes.ts';
import { buildServer } from './server.ts';

const ORG = makeUsci('91350100', 'MC000001');

test('a consumer screens subjects by USCI and by name; the screened company sees who asked; others may not screen', async () => {
  const r = await testRegistry('2026-11-01');
  const app = await buildServer(r.ctx);
  try {
    await new Ingestor(r.ctx).apply([{ kind: 'organization', usci: ORG, name: '福州示例科技有限公司' }]);
    const consumer = (await createToken(r.ctx, { role: 'consumer', label: 'procurement office' })).token;
    const subject = (await createToken(r.ctx, { role: 'subject', subjectRef: ORG, label: 'the company' }))
      .token;
    const body = {
      subjects: [ORG, { name: '福州示例科技股份有限公司' }, '91350100MA0000000X'],
      measures: ['procurement.exclusion'],
    };
    const res = await app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: { authorization: `Bearer ${consumer}` },
      payload: body,
    });
    assert.equal(res.statusCode, 200, res.body);
    const out = res.json() as Static<typeof ScreeningResult>;
    assert.ok(
      Value.Check(ScreeningResult, out),
      JSON.stringify([...Value.Errors(ScreeningResult, out)].slice(0, 2)),
    );
    assert.deepEqual(
      out.answers.map((a: { matched_by: string | null; applies: boolean | null }) => [
        a.matched_by,
        a.applies,
      ]),
      [
        ['usci', false],
        ['name', false],
        [null, null],
      ],
    );
    assert.equal(out.answers[2]?.problem?.code, 'subject.not_found');
    const file = await exportFile(r.ctx, ORG);
    assert.equal(file.checks.length, 2, 'both answers about the company are in its file');
    assert.ok(
      file.checks.every((c) => /^token:|procurement office/.test(c.asked_by)),
      `the company sees who asked: ${JSON.stringify(file.checks.map((c) => c.asked_by))}`,
    );

    const anonymous = await app.inject({ method: 'POST', url: '/v1/screenings', payload: body });
    assert.equal(anonymous.statusCode, 401);
    const bySubject = await app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: { authorization: `Bearer ${subject}` },
      payload: body,
    });
    assert.equal(bySubject.statusCode, 403, 'a subject token may not screen others');
    const unknown = await app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: { authorization: `Bearer ${consumer}` },
      payload: { subjects: [ORG], measures: ['no.such'] },
    });
    assert.equal(unknown.statusCode >= 400 && unknown.statusCode < 500, true);
    assert.equal(unknown.json().code, 'measure.unknown');
    const tooMany = await app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: { authorization: `Bearer ${consumer}` },
      payload: { subjects: Array.from({ length: 10_001 }, () => ORG), measures: ['procurement.exclusion'] },
    });
    assert.equal(tooMany.statusCode, 400);
    assert.equal((await exportFile(r.ctx, ORG)).checks.length, 2, 'rejected screenings record nothing');
  } finally {
    await app.close();
    await r.dispose();
  }
});
