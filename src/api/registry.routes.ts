import Type from 'typebox';
import { activateRulebook, checkRulebook } from '../app/governance/governance.rulebooks.ts';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { CredenceError } from '../domain/errors.ts';
import { formatInstant } from '../domain/time.ts';
import { checkUsci } from '../domain/usci.ts';
import { guard } from './auth.ts';
import {
  Accepted,
  OrganizationPage,
  OrganizationSearchQuery,
  RulebookActivated,
  RulebookCheck,
  RulebookList,
  SourceLine,
  SourceView,
} from './schemas.ts';
import { type Api, acceptedOrThrow } from './types.ts';

const USCI_LIKE = /^[0-9A-Za-z]{18}$/;

/** Public look-ups (organizations, rulebooks, sources) and the admin's rulebook and source management. */
export function registryRoutes(app: Api, opts: { publicRateLimit: number }): void {
  app.get(
    '/v1/organizations',
    {
      ...guard('public', {
        summary: 'Search organizations by name prefix or USCI',
        operationId: 'searchOrganizations',
        tags: ['public'],
        querystring: OrganizationSearchQuery,
        response: { 200: OrganizationPage },
      }),
      config: {
        access: 'public' as const,
        rateLimit: {
          max: opts.publicRateLimit,
          timeWindow: '1 minute',
          keyGenerator: (req: { ip: string }) => `ip:${req.ip}`,
        },
      },
    },
    async (req) => {
      const q = req.query.q.trim();
      if (USCI_LIKE.test(q)) {
        const c = checkUsci(q);
        if (!c.ok)
          throw new CredenceError('input.invalid_usci', `q looks like a USCI but ${c.message}`, {
            issues: [{ path: 'q', message: c.message, code: `usci.position_${c.position}` }],
          });
      }
      const limit = req.query.limit === undefined ? 20 : Number(req.query.limit);
      if (limit < 1 || limit > 100)
        throw new CredenceError('input.out_of_range', 'limit must be between 1 and 100', {
          issues: [{ path: 'limit', message: 'between 1 and 100' }],
        });
      const after = req.query.cursor === undefined ? 0 : Number(req.query.cursor);
      const rows = await req.actx.store.searchOrganizations(q, limit + 1, after);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((s) => ({ usci: s.usci ?? '', name: s.name })),
        next_cursor: rows.length > limit && last ? String(Number(last.id)) : null,
      };
    },
  );

  app.get(
    '/v1/rulebooks',
    guard('public', {
      summary: 'The activated rulebook versions',
      operationId: 'listRulebooks',
      tags: ['public'],
      response: { 200: RulebookList },
    }),
    async (req) => {
      const rows = await req.actx.store.rulebooks();
      return {
        items: rows.map((r) => ({
          name: r.name,
          version: r.version,
          hash: r.hash,
          effective_from: formatInstant(Number(r.effective_from)),
          activated_at: formatInstant(Number(r.activated_at)),
        })),
      };
    },
  );

  const yamlBody = Type.String({ description: 'the rulebook as YAML' });
  const yamlTypes = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

  app.post(
    '/v1/rulebooks::check',
    guard(['admin'], {
      summary: 'Check a rulebook without activating it: every issue at once',
      operationId: 'checkRulebook',
      tags: ['rulebooks'],
      consumes: yamlTypes,
      body: yamlBody,
      response: { 200: RulebookCheck },
    }),
    async (req) => {
      const r = checkRulebook(req.body);
      const issue = (i: { path: string; message: string; line?: number; code?: string }) => ({
        path: i.path,
        message: i.message,
        ...(i.line === undefined ? {} : { line: i.line }),
        ...(i.code === undefined ? {} : { code: i.code }),
      });
      return {
        valid: r.value !== undefined,
        ...(r.value ? { name: r.value.name, version: r.value.version, hash: r.value.hash } : {}),
        issues: r.issues.map(issue),
        warnings: r.warnings.map(issue),
      };
    },
  );

  app.post(
    '/v1/rulebooks',
    guard(['admin'], {
      summary: 'Activate a rulebook version',
      description:
        '201 when activated; 200 when this exact text is already active; 422 (rulebook.invalid) with every issue.',
      operationId: 'activateRulebook',
      tags: ['rulebooks'],
      consumes: yamlTypes,
      body: yamlBody,
      response: { 200: RulebookActivated, 201: RulebookActivated },
    }),
    async (req, reply) => {
      const before = new Set((await req.actx.store.rulebooks()).map((r) => r.hash));
      const rb = await activateRulebook(req.actx, req.body);
      const already = before.has(rb.hash);
      return reply.code(already ? 200 : 201).send({
        name: rb.name,
        version: rb.version,
        hash: rb.hash,
        effective_from: formatInstant(rb.effectiveFrom),
        already_active: already,
      });
    },
  );

  app.get(
    '/v1/sources',
    guard('public', {
      summary: 'The registered sources and the record domains each may write',
      operationId: 'listSources',
      tags: ['public'],
      response: { 200: Type.Object({ items: Type.Array(SourceView) }) },
    }),
    async (req) => {
      const rows = await req.actx.store.sources();
      return {
        items: rows.map((s) => ({
          id: s.id,
          name: s.name,
          domains: JSON.parse(s.domains) as string[],
          created_at: formatInstant(Number(s.created_at)),
        })),
      };
    },
  );

  app.post(
    '/v1/sources',
    guard(['admin'], {
      summary: 'Register or update a source and its record domains',
      operationId: 'registerSource',
      tags: ['sources'],
      body: SourceLine,
      response: { 200: Accepted, 201: Accepted },
    }),
    async (req, reply) => {
      const [r] = await new Ingestor(req.actx).apply([{ kind: 'source', ...req.body }]);
      const out = acceptedOrThrow(r);
      return reply.code(out.status === 'created' ? 201 : 200).send(out);
    },
  );
}
