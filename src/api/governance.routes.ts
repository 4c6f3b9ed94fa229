import Type from 'typebox';
import {
  invalidRulebook,
  publishRulebook,
  rulebookVersions,
} from '../app/governance/governance.rulebooks.ts';
import { whatIfOffThread } from '../app/governance/governance.whatif.job.ts';
import { replay } from '../app/queries/queries.replay.ts';
import { CredenceError } from '../domain/errors.ts';
import { formatInstant, parseInstant } from '../domain/time.ts';
import { prescanYaml } from '../rules/rulebook.limits.ts';
import { guard } from './auth.ts';
import { Gate, throughGate } from './heavy.ts';
import { problemResponses } from './openapi.ts';
import { Instant } from './schemas.ts';
import type { Api } from './types.ts';

const Change = Type.Object({
  path: Type.String(),
  kind: Type.String(),
  before: Type.Optional(Type.Unknown()),
  after: Type.Optional(Type.Unknown()),
});

export const VersionList = Type.Object({
  items: Type.Array(
    Type.Object({
      name: Type.String(),
      version: Type.String(),
      hash: Type.String(),
      status: Type.String(),
      effective_from: Instant,
      comment_until: Type.Union([Instant, Type.Null()]),
      in_comment: Type.Boolean(),
      published_at: Instant,
      published_by: Type.String(),
      changes: Type.Array(Change),
    }),
  ),
});

export const VersionText = Type.Object({
  name: Type.String(),
  version: Type.String(),
  hash: Type.String(),
  status: Type.String(),
  source: Type.String(),
  changes: Type.Array(Change),
});

export const Published = Type.Object({
  name: Type.String(),
  version: Type.String(),
  hash: Type.String(),
  effective_from: Instant,
  comment_until: Instant,
  changes: Type.Array(Change),
});

export const WhatIfReport = Type.Object({
  draft: Type.Object({ name: Type.String(), version: Type.String(), hash: Type.String() }),
  at: Instant,
  subjects: Type.Integer(),
  changed_grade: Type.Integer(),
  transitions: Type.Array(Type.Object({ from: Type.String(), to: Type.String(), count: Type.Integer() })),
  list_entries: Type.Record(Type.String(), Type.Integer()),
  list_exits: Type.Record(Type.String(), Type.Integer()),
  most_affected: Type.Array(
    Type.Object({ subject: Type.String(), from: Type.Integer(), to: Type.Integer(), delta: Type.Integer() }),
  ),
});

export const ReplayView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  status: Type.Union([Type.Literal('match'), Type.Literal('mismatch'), Type.Literal('inputs_purged')]),
  detail: Type.String(),
  inputs: Type.Object({
    rulebooks: Type.Array(Type.String()),
    records: Type.Integer(),
    at: Instant,
    record_ids: Type.Array(Type.Object({ record: Type.String(), content_hash: Type.String() }), {
      description: 'the input records by source/id, with their content hashes as stored now',
    }),
  }),
});

export const AuditHead = Type.Object({
  seq: Type.Integer(),
  hash: Type.String(),
  at: Type.Union([Instant, Type.Null()]),
});

const yamlTypes = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

/** Rulebook lifecycle (versions, comment periods, diffs, what-if before activation) and decision replay. */
export function governanceRoutes(app: Api): void {
  // drafts are loaded and evaluated off the event loop, a few at a time; the rest are told to come back
  const heavy = new Gate(2, 4);
  app.get(
    '/v1/rulebooks/versions',
    guard('public', {
      summary: 'Every rulebook version: drafts, those open for comment, those in force, with their diffs',
      operationId: 'listRulebookVersions',
      tags: ['public'],
      response: { 200: VersionList },
    }),
    async (req) => ({
      items: (await rulebookVersions(req.actx)).map((v) => ({ ...v, changes: [...v.changes] })),
    }),
  );

  app.get(
    '/v1/rulebooks/versions/:hash',
    guard('public', {
      summary: 'The full text of one rulebook version (readable by anyone, also during its comment period)',
      operationId: 'getRulebookVersion',
      tags: ['public'],
      params: Type.Object({ hash: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
      response: { 200: VersionText },
    }),
    async (req) => {
      const row = (await req.actx.store.rulebooks()).find((r) => r.hash === req.params.hash);
      if (!row) throw new CredenceError('rulebook.not_found', `no rulebook version ${req.params.hash}`);
      return {
        name: row.name,
        version: row.version,
        hash: row.hash,
        status: row.status ?? 'published',
        source: row.source,
        changes: JSON.parse(row.diff ?? '[]'),
      };
    },
  );

  app.post(
    '/v1/rulebooks::publish',
    guard(['admin'], {
      summary:
        'Publish a version for comment; it takes effect on its effective_from, never before the comment period ends',
      operationId: 'publishRulebook',
      ...problemResponses(409, 503),
      tags: ['rulebooks'],
      consumes: yamlTypes,
      body: Type.String({ description: 'the rulebook as YAML' }),
      querystring: Type.Object(
        { comment_period: Type.Optional(Type.String({ description: 'ISO 8601 duration, default P30D' })) },
        { additionalProperties: false },
      ),
      response: { 201: Published },
    }),
    async (req, reply) => {
      const text = req.body;
      const pre = prescanYaml(text);
      if (pre) throw invalidRulebook([pre]);
      const r = await throughGate(heavy, reply, () =>
        publishRulebook(req.actx, text, req.query.comment_period ?? 'P30D'),
      );
      if (!('rulebook' in r)) return r;
      return reply.code(201).send({
        name: r.rulebook.name,
        version: r.rulebook.version,
        hash: r.rulebook.hash,
        effective_from: formatInstant(r.rulebook.effectiveFrom),
        comment_until: formatInstant(r.commentUntil),
        changes: [...r.changes],
      });
    },
  );

  app.post(
    '/v1/rulebooks::whatif',
    guard(['admin', 'auditor'], {
      summary:
        'The impact of a draft on the whole population, before anything is activated (changes nothing)',
      operationId: 'whatIfRulebook',
      ...problemResponses(503),
      tags: ['rulebooks'],
      consumes: yamlTypes,
      body: Type.String({ description: 'the draft rulebook as YAML' }),
      querystring: Type.Object({ at: Type.Optional(Type.String()) }, { additionalProperties: false }),
      response: { 200: WhatIfReport },
    }),
    async (req, reply) => {
      const at = req.query.at === undefined ? undefined : parseInstant(req.query.at);
      if (req.query.at !== undefined && at === undefined)
        throw new CredenceError('input.invalid_date', `at=${req.query.at} is not a date`, {
          issues: [{ path: 'at', message: 'expected YYYY-MM-DD' }],
        });
      // a bomb is refused here in one pass over the text, before any thread is started
      const pre = prescanYaml(req.body);
      if (pre) throw invalidRulebook([pre], 'the draft');
      return throughGate(heavy, reply, () => whatIfOffThread(req.actx, req.body, at));
    },
  );

  app.get(
    '/v1/audit/head',
    guard('public', {
      summary: 'The head of the tamper-evident audit chain, for outsiders to pin and compare later',
      operationId: 'getAuditHead',
      tags: ['public'],
      response: { 200: AuditHead },
    }),
    async (req) => {
      const last = await req.actx.store.lastAudit();
      return {
        seq: Number(last?.seq ?? 0),
        hash: last?.hash ?? '0'.repeat(64),
        at: last ? formatInstant(Number(last.at)) : null,
      };
    },
  );

  app.get(
    '/v1/decisions/:id/replay',
    guard(['admin', 'auditor', 'reviewer'], {
      summary:
        'Recompute a list decision (D-…) or a check (CHK-…) from its recorded inputs and say whether it matches',
      operationId: 'replayDecision',
      tags: ['oversight'],
      params: Type.Object({ id: Type.String({ minLength: 3, maxLength: 128 }) }),
      response: { 200: ReplayView },
    }),
    async (req) => {
      const r = await replay(req.actx, req.params.id);
      return {
        ...r,
        inputs: { ...r.inputs, rulebooks: [...r.inputs.rulebooks], record_ids: [...r.inputs.record_ids] },
      };
    },
  );
}
