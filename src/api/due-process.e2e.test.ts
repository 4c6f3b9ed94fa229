// size: one end-to-end journey plus its adversarial cells over a single seeded server
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { activateRulebook } from '../app/governance/governance.rulebooks.ts';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { type AppContext, makeIdHasher } from '../app/ports/ports.context.ts';
import { createToken } from '../app/tokens/tokens.usecases.ts';
import { TestClock } from '../domain/clock.ts';
import { makeNationalId } from '../domain/national-id.ts';
import { DAY, parseInstant } from '../domain/time.ts';
import { makeUsci } from '../domain/usci.ts';
import { openSqlite } from '../store/sqlite/sqlite.store.ts';
import {
  CaseList,
  CasePage,
  CaseView,
  EvidenceStored,
  ExportView,
  NoticeList,
} from './due-process.schemas.ts';
import { Problem } from './errors.ts';
import { Accepted, CheckView, TokenCreated } from './schemas.ts';
import { buildServer } from './server.ts';
import { assertDocumented } from './testing/openapi.responses.ts';

const RULEBOOK = readFileSync(new URL('../../rulebooks/default.yaml', import.meta.url), 'utf8');
const ORG = makeUsci('91350100', 'M0003000');
const OTHER_ORG = makeUsci('91350100', 'M0004000');
const REP = makeNationalId('110101', '19900307', '451');
const MEASURE = 'consumption.property_purchase';
const LETTER = {
  text: 'We commit to perform the judgment in full and to keep our promises from now on.',
  signed_by: 'Zhang Wei, legal representative',
};

let dir: string;
let ctx: AppContext;
let clock: TestClock;
let app: FastifyInstance;
const tok: Record<string, string> = {};

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** One request through fastify.inject; errors must be problem+json, answers must match the declared schema. */
async function call(
  method: 'GET' | 'POST',
  url: string,
  opts: { token?: string; body?: unknown; raw?: Buffer; schema?: TSchema } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let payload: string | Buffer | undefined;
  if (opts.raw) {
    headers['content-type'] = 'application/octet-stream';
    payload = opts.raw;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(opts.body);
  }
  const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  const body = res.body === '' ? {} : (JSON.parse(res.body) as Record<string, unknown>);
  // every answer, errors included, as the OpenAPI document describes it
  await assertDocumented({
    method,
    path: url,
    status: res.statusCode,
    contentType: String(res.headers['content-type'] ?? ''),
    body: res.body === '' ? null : body,
  });
  if (res.statusCode >= 400) {
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/, `${url}: problem+json`);
    assert.ok(Value.Check(Problem, body), `${method} ${url}: a problem: ${res.body}`);
  } else if (opts.schema) {
    assert.ok(
      Value.Check(opts.schema, body),
      `${method} ${url} ${res.statusCode} matches its schema: ${JSON.stringify([...Value.Errors(opts.schema, body)].slice(0, 3))}`,
    );
  }
  return { status: res.statusCode, body };
}

const expectProblem = (r: Reply, status: number, code: string) => {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(r.body.code, code, JSON.stringify(r.body));
};

async function submit(id: string, subject: string, occurred = '2026-05-30') {
  const r = await call('POST', '/v1/records', {
    token: tok.court,
    schema: Accepted,
    body: {
      source: 'court',
      id,
      subject,
      type: 'court.judgment_default',
      occurred_at: occurred,
      legal_basis: 'Civil Procedure Law art. 262',
      evidence: [`sha256:${'ab'.repeat(32)}`],
    },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
}

const applies = async () =>
  (await call('GET', `/v1/subjects/${ORG}/check/${MEASURE}`, { token: tok.consumer, schema: CheckView })).body
    .applies;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credence-dp-'));
  clock = new TestClock(parseInstant('2026-06-01')!);
  ctx = {
    store: await openSqlite(join(dir, 'registry.db')),
    clock,
    hashNationalId: makeIdHasher('test-key'),
    actor: 'test',
  };
  await activateRulebook(ctx, RULEBOOK);
  const setup = await new Ingestor(ctx).apply([
    { kind: 'source', id: 'court', name: 'Intermediate People’s Court', domains: ['court'] },
    { kind: 'person', national_id: REP, name: 'Zhang Wei' },
    { kind: 'organization', usci: OTHER_ORG, name: 'Fuzhou Other Co.' },
  ]);
  assert.ok(
    setup.every((r) => r.ok),
    JSON.stringify(setup),
  );
  tok.admin = (await createToken(ctx, { role: 'admin' })).token;
  app = await buildServer(ctx);
  for (const [name, req] of Object.entries({
    court: { role: 'source', source: 'court', label: 'Court clerk' },
    reviewer: { role: 'reviewer', label: 'Credit office reviewer' },
    consumer: { role: 'consumer', label: 'Rail operator' },
    auditor: { role: 'auditor', label: 'Auditor' },
    other: { role: 'subject', subject: OTHER_ORG, label: 'Fuzhou Other Co.' },
  })) {
    const r = await call('POST', '/v1/tokens', { token: tok.admin, body: req, schema: TokenCreated });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    tok[name] = String(r.body.token);
  }
});

after(async () => {
  await app.close();
  await ctx.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('due process over HTTP', () => {
  let objection: string;
  let repair: string;

  test('register, submit, check, object, decide, repair, approve, check again', async () => {
    const reg = await call('POST', '/v1/subjects', {
      token: tok.admin,
      schema: Accepted,
      body: { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.', legal_representative: REP },
    });
    assert.equal(reg.status, 201, JSON.stringify(reg.body));
    const t = await call('POST', '/v1/tokens', {
      token: tok.admin,
      body: { role: 'subject', subject: ORG, label: 'Fuzhou Example Co.' },
      schema: TokenCreated,
    });
    tok.subject = String(t.body.token);

    await submit('C-1', ORG);
    clock.advance(11 * DAY); // past the court defaulters' notice period
    assert.equal(await applies(), true, 'the defaulter listing restricts property purchases');

    const filed = await call('POST', `/v1/subjects/${ORG}/objections`, {
      token: tok.subject,
      schema: CaseView,
      body: { record: { source: 'court', id: 'C-1' }, statement: 'The judgment was performed on time.' },
    });
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    objection = String(filed.body.id);
    assert.equal(filed.body.subject, ORG, 'the subject is named by its USCI');
    assert.match(String(filed.body.deadline), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const queue = await call('GET', '/v1/cases?kind=objection&status=open', {
      token: tok.reviewer,
      schema: CasePage,
    });
    assert.deepEqual(
      (queue.body.items as { id: string }[]).map((c) => c.id),
      [objection],
    );
    const one = await call('GET', `/v1/cases/${objection}`, { token: tok.auditor, schema: CaseView });
    assert.deepEqual(one.body.submission, { statement: 'The judgment was performed on time.' });

    const upheld = await call('POST', `/v1/cases/${objection}/decision`, {
      token: tok.reviewer,
      schema: CaseView,
      body: { outcome: 'uphold', reasons: 'The court confirms the judgment is unperformed.' },
    });
    assert.equal(upheld.status, 200, JSON.stringify(upheld.body));
    assert.equal(upheld.body.status, 'upheld');
    assert.equal(
      upheld.body.decided_by,
      'Credit office reviewer (reviewer)',
      'the reviewer by label, not token id',
    );

    const document = Buffer.from('Receipt of payment of the judgment debt, 2026-06-10');
    const stored = await call('POST', `/v1/subjects/${ORG}/evidence`, {
      token: tok.subject,
      raw: document,
      schema: EvidenceStored,
    });
    assert.equal(stored.status, 201, JSON.stringify(stored.body));
    assert.equal(stored.body.ref, `sha256:${createHash('sha256').update(document).digest('hex')}`);

    const applied = await call('POST', `/v1/subjects/${ORG}/repairs`, {
      token: tok.subject,
      schema: CaseView,
      body: {
        record: { source: 'court', id: 'C-1' },
        letter: LETTER,
        evidence: [{ kind: 'proof_of_performance', ref: stored.body.ref }],
      },
    });
    assert.equal(applied.status, 201, JSON.stringify(applied.body));
    repair = String(applied.body.id);
    const repairs = await call('GET', `/v1/subjects/${ORG}/repairs`, {
      token: tok.subject,
      schema: CaseList,
    });
    assert.deepEqual(
      (repairs.body.items as { id: string; status: string }[]).map((c) => [c.id, c.status]),
      [[repair, 'open']],
    );

    const approved = await call('POST', `/v1/cases/${repair}/decision`, {
      token: tok.reviewer,
      schema: CaseView,
      body: { outcome: 'approve', reasons: 'Performance proven by the court’s receipt.' },
    });
    assert.equal(approved.body.status, 'approved', JSON.stringify(approved.body));
    assert.equal(await applies(), false, 'an approved repair ends the restriction');
  });

  test('the subject reads its notices and exports its file, every subject named by reference', async () => {
    const notices = await call('GET', `/v1/subjects/${ORG}/notices`, {
      token: tok.subject,
      schema: NoticeList,
    });
    const kinds = (notices.body.items as { kind: string; recipient: string }[]).map((n) => n.kind);
    for (const k of ['objection.received', 'objection.decided', 'repair.received', 'repair.decided'])
      assert.ok(kinds.includes(k), `notice ${k} in ${kinds.join(', ')}`);
    assert.ok((notices.body.items as { recipient: string }[]).every((n) => n.recipient === 'subject'));
    const staff = await call('GET', `/v1/subjects/${ORG}/notices`, {
      token: tok.auditor,
      schema: NoticeList,
    });
    const toConsumer = (staff.body.items as { recipient: string }[]).filter((n) => n.recipient !== 'subject');
    assert.ok(toConsumer.length > 0, 'the consumer who checked is told of the correction');
    assert.ok(toConsumer.every((n) => n.recipient === 'Rail operator (consumer)'));

    const file = await call('GET', `/v1/subjects/${ORG}/export`, { token: tok.subject, schema: ExportView });
    assert.equal(file.status, 200, JSON.stringify(file.body));
    const subject = file.body.subject as {
      ref: string;
      relations: { organization: string; person: string }[];
    };
    assert.equal(subject.ref, ORG);
    assert.equal(subject.relations[0]?.organization, ORG);
    assert.match(String(subject.relations[0]?.person), /^P\d+$/, 'the representative by P… reference');
    assert.deepEqual(
      (file.body.objections as { status: string }[]).map((c) => c.status),
      ['upheld'],
    );
    assert.doesNotMatch(JSON.stringify(file.body), /token:[0-9a-f-]{8,}/, 'no bare token id anywhere');
    await call('GET', `/v1/subjects/${ORG}/export`, { token: tok.auditor, schema: ExportView });
    const later = await call('GET', `/v1/subjects/${ORG}/export`, { token: tok.subject, schema: ExportView });
    assert.ok(
      (later.body.looked as { who: string }[]).some((l) => l.who === 'Auditor (auditor)'),
      `the auditor's export shows in who looked: ${JSON.stringify(later.body.looked)}`,
    );
  });

  test("a subject cannot object to another subject's record, nor read another's cases", async () => {
    const r = await call('POST', `/v1/subjects/${ORG}/objections`, {
      token: tok.other,
      body: { record: { source: 'court', id: 'C-1' }, statement: 'Not mine but I object.' },
    });
    expectProblem(r, 403, 'auth.forbidden');
    // on its own path, naming a record of another file: the record is not in its file
    const own = await call('POST', `/v1/subjects/${OTHER_ORG}/objections`, {
      token: tok.other,
      body: { record: { source: 'court', id: 'C-1' }, statement: 'Not mine but I object.' },
    });
    expectProblem(own, 404, 'record.not_found');
    expectProblem(
      await call('GET', `/v1/subjects/${ORG}/objections`, { token: tok.other }),
      403,
      'auth.forbidden',
    );
    expectProblem(
      await call('GET', `/v1/subjects/${ORG}/export`, { token: tok.other }),
      403,
      'auth.forbidden',
    );
    expectProblem(await call('GET', '/v1/cases', { token: tok.subject }), 403, 'auth.forbidden');
    const byStaff = await call('POST', `/v1/subjects/${ORG}/objections`, {
      token: tok.reviewer,
      body: { record: { source: 'court', id: 'C-1' }, statement: 'Filed for the subject.' },
    });
    expectProblem(byStaff, 403, 'auth.forbidden');
    expectProblem(await call('GET', `/v1/subjects/${ORG}/notices`), 401, 'auth.missing_token');
  });

  test('only a reviewer decides, once, with a valid outcome and reasons', async () => {
    const body = { outcome: 'annul', reasons: 'Deciding as someone else.' };
    for (const who of ['consumer', 'admin', 'auditor', 'subject'])
      expectProblem(
        await call('POST', `/v1/cases/${objection}/decision`, { token: tok[who], body }),
        403,
        'auth.forbidden',
      );
    const twice = await call('POST', `/v1/cases/${objection}/decision`, { token: tok.reviewer, body });
    expectProblem(twice, 409, 'objection.already_decided');
    const again = await call('POST', `/v1/cases/${repair}/decision`, {
      token: tok.reviewer,
      body: { outcome: 'reject', reasons: 'Second thoughts.' },
    });
    expectProblem(again, 409, 'repair.already_decided');
    const noReasons = await call('POST', `/v1/cases/${objection}/decision`, {
      token: tok.reviewer,
      body: { outcome: 'annul' },
    });
    expectProblem(noReasons, 400, 'input.invalid');
    assert.ok((noReasons.body.issues as { path: string }[]).some((i) => i.path === 'reasons'));
    expectProblem(
      await call('POST', '/v1/cases/OBJ-000000000000/decision', { token: tok.reviewer, body }),
      404,
      'case.not_found',
    );
  });

  test('evidence that is not a content hash is refused, naming the field', async () => {
    await submit('C-3', OTHER_ORG);
    const r = await call('POST', `/v1/subjects/${OTHER_ORG}/repairs`, {
      token: tok.other,
      body: {
        record: { source: 'court', id: 'C-3' },
        letter: LETTER,
        evidence: [{ kind: 'proof_of_performance', ref: 'https://example.org/receipt.pdf' }],
      },
    });
    expectProblem(r, 400, 'input.invalid');
    assert.deepEqual(
      (r.body.issues as { path: string }[]).map((i) => i.path),
      ['evidence[0].ref'],
    );
    const missing = await call('POST', `/v1/subjects/${OTHER_ORG}/repairs`, {
      token: tok.other,
      body: { record: { source: 'court', id: 'C-3' }, letter: LETTER, evidence: [] },
    });
    expectProblem(missing, 422, 'repair.missing_evidence');
    const empty = await call('POST', `/v1/subjects/${OTHER_ORG}/evidence`, {
      token: tok.other,
      raw: Buffer.alloc(0),
    });
    assert.equal(empty.status, 400, JSON.stringify(empty.body));
  });

  test('the queue filters by kind, status and overdue and pages with a cursor', async () => {
    const filed = await call('POST', `/v1/subjects/${OTHER_ORG}/objections`, {
      token: tok.other,
      body: { record: { source: 'court', id: 'C-3' }, statement: 'Performed before the record was made.' },
      schema: CaseView,
    });
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    const open = String(filed.body.id);
    const ids = async (query: string) =>
      (
        (await call('GET', `/v1/cases?${query}`, { token: tok.reviewer, schema: CasePage })).body.items as {
          id: string;
        }[]
      ).map((c) => c.id);
    assert.deepEqual(await ids('status=open'), [open]);
    assert.deepEqual(await ids('kind=repair'), [repair]);
    assert.deepEqual(await ids('overdue=true'), [], 'nothing is overdue yet');
    clock.advance(400 * DAY);
    assert.deepEqual(await ids('overdue=true'), [open], 'an open case past its deadline is overdue');
    assert.ok(!(await ids('overdue=false')).includes(open));

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Reply = await call('GET', `/v1/cases?limit=1${cursor ? `&cursor=${cursor}` : ''}`, {
        token: tok.admin,
        schema: CasePage,
      });
      const items = page.body.items as { id: string; deadline: string }[];
      assert.ok(items.length <= 1);
      seen.push(...items.map((c) => c.id));
      cursor = page.body.next as string | null;
    } while (cursor);
    assert.deepEqual([...seen].sort(), [objection, repair, open].sort(), 'every case once, across pages');
    expectProblem(
      await call('GET', '/v1/cases?cursor=bm9uc2Vuc2U', { token: tok.reviewer }),
      400,
      'input.invalid_cursor',
    );
    expectProblem(
      await call('GET', '/v1/cases?limit=900', { token: tok.reviewer }),
      400,
      'input.out_of_range',
    );
    expectProblem(await call('GET', '/v1/cases?kind=appeal', { token: tok.reviewer }), 400, 'input.invalid');
  });
});
