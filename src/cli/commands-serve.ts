import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import { startDeliveryLoop } from '../app/due-process/due-process.outbox.loop.ts';
import { DELIVERY_TIMEOUT_MS, httpPost } from '../app/due-process/due-process.outbox.ts';
import { activateRulebook, activeRulebooks } from '../app/governance/governance.rulebooks.ts';
import { purge } from '../app/maintenance/maintenance.purge.ts';
import { tick } from '../app/maintenance/maintenance.tick.ts';
import type { AppContext } from '../app/ports/ports.context.ts';
import { createToken, listTokens, ROLES, revokeToken } from '../app/tokens/tokens.usecases.ts';
import { formatInstant } from '../domain/time.ts';
import { DEMO, seedDemo } from '../sim/demo.ts';
import { gradeHistogram } from './commands-admin.ts';
import { dbOptions } from './options.ts';
import { openRegistry, resolveOptions } from './registry.ts';

const DEFAULT_RULEBOOK = new URL('../../rulebooks/default.yaml', import.meta.url);
const DEMO_DB = 'data/demo.db';
/** The embedded default (DESIGN §8: SQLite in a file under ./data), when no registry is named. */
const DEFAULT_DB = 'data/credence.db';

/**
 * Runs the periodic work of a registry inside the server, each job on its own schedule: deliveries (a lane per
 * subscriber, so a slow one holds only itself), due changes every minute and retention daily. A job never waits
 * for another; a run still going when its next is due is skipped, not queued.
 */
function schedule(ctx: AppContext, log: (msg: string) => void): () => Promise<void> {
  const running = new Set<Promise<unknown>>();
  const busy = new Set<string>();
  const fail = (name: string) => (e: unknown) =>
    log(`${name} failed: ${e instanceof Error ? e.message : String(e)}`);
  const every = (ms: number, name: string, job: () => Promise<unknown>) =>
    setInterval(() => {
      if (busy.has(name)) return;
      busy.add(name);
      const run = job()
        .catch(fail(name))
        .finally(() => {
          busy.delete(name);
          running.delete(run);
        });
      running.add(run);
    }, ms).unref();
  const timeoutMs = Number(process.env.CREDENCE_DELIVERY_TIMEOUT_MS ?? DELIVERY_TIMEOUT_MS);
  const stopDelivery = startDeliveryLoop(ctx, {
    intervalMs: 2_000,
    post: httpPost(timeoutMs > 0 ? timeoutMs : DELIVERY_TIMEOUT_MS),
    onError: fail('delivery'),
  });
  const timers = [every(60_000, 'tick', () => tick(ctx)), every(24 * 3600_000, 'purge', () => purge(ctx))];
  return async () => {
    for (const t of timers) clearInterval(t);
    await Promise.all([stopDelivery(), ...running]);
  };
}

/** serve and token: the HTTP server and its credentials. */
export function commands(program: Command): void {
  dbOptions(
    program
      .command('serve')
      .description(
        `serve the HTTP API (and, with --demo, a seeded demo registry); with no registry named, ${DEFAULT_DB} (created on first start)`,
      ),
  )
    .option('--port <port>', 'port to listen on', (v) => Number(v), 8080)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--rulebook <file>', 'rulebook to activate when the registry has none')
    .option('--demo', `seed a demo population on first start (default registry ${DEMO_DB})`)
    .option(
      '--trust-proxy <hops|cidr>',
      'behind a reverse proxy: hops or proxy addresses/CIDRs to trust for X-Forwarded-For (env CREDENCE_TRUST_PROXY; default off)',
    )
    .option(
      '--cors-origin <origins>',
      'browser origins allowed to call the API, comma-separated, or * (env CREDENCE_CORS_ORIGIN; default off)',
    )
    .action(async (o) => {
      const named = o.db || o.databaseUrl || process.env.DATABASE_URL;
      const location = resolveOptions(named ? o : { ...o, db: o.demo ? DEMO_DB : DEFAULT_DB });
      const fresh = location.db !== undefined && !existsSync(location.db);
      const ctx = await openRegistry(location, fresh || o.demo === true, 'server');
      const hasRulebook = (await ctx.store.rulebooks()).length > 0;
      if (!hasRulebook) {
        const rb = await activateRulebook(
          { ...ctx, actor: 'init' },
          readFileSync(o.rulebook ?? DEFAULT_RULEBOOK, 'utf8'),
        );
        process.stdout.write(`activated rulebook ${rb.name} ${rb.version}\n`);
      }
      if (o.demo) {
        process.stdout.write('seeding the demo population (first start only)…\n');
        if (await seedDemo(ctx)) {
          process.stdout.write(`${await gradeHistogram(ctx)}\n`);
          const lines: string[] = [];
          for (const role of ROLES) {
            const t = await createToken(
              { ...ctx, actor: 'demo' },
              {
                role,
                label: `demo ${role}`,
                ...(role === 'source' ? { source: 'court-authority' } : {}),
                ...(role === 'subject' ? { subjectRef: DEMO.blacklisted } : {}),
              },
            );
            lines.push(`${role.padEnd(9)} ${t.token}`);
          }
          const file = `${location.db ?? 'data/demo'}.tokens.txt`;
          writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
          process.stdout.write(
            `\ndemo tokens (shown once; also in ${file}):\n${lines.map((l) => `  ${l}`).join('\n')}\n`,
          );
        }
      }
      await ctx.store.transaction((tx) => activeRulebooks(tx));
      const stop = schedule(ctx, (m) => process.stderr.write(`${m}\n`));
      const trust = o.trustProxy ?? process.env.CREDENCE_TRUST_PROXY;
      const corsOrigin = o.corsOrigin ?? process.env.CREDENCE_CORS_ORIGIN;
      // the HTTP server and its pages load only for `serve`: every other command starts without them
      const { startServer } = await import('../api/server.ts');
      const { url } = await startServer(ctx, {
        port: o.port,
        host: o.host,
        beforeClose: stop,
        ...(trust ? { trustProxy: /^\d+$/.test(trust) ? Number(trust) : trust } : {}),
        ...(corsOrigin ? { corsOrigin } : {}),
      });
      const shown = url.replace('127.0.0.1', 'localhost');
      process.stdout.write(
        `\nCredence is serving on ${shown}  (API: ${shown}/v1, OpenAPI: ${shown}/v1/openapi.json)\n`,
      );
    });

  const token = program
    .command('token')
    .description('API tokens: created once, stored only as their SHA-256');
  dbOptions(token.command('create').description('create a token and print it once'))
    .requiredOption('--role <role>', ROLES.join(' | '))
    .option('--source <id>', 'for a source token: the source it writes for')
    .option('--subject <subject>', 'for a subject token: the subject whose file it reads')
    .option('--expires <duration>', 'ISO 8601 duration from now, e.g. P90D; at most and by default P2Y')
    .option('--label <text>', 'a label to recognise it by')
    .action(async (o) => {
      const ctx = await openRegistry(resolveOptions(o));
      try {
        const t = await createToken(ctx, {
          role: o.role,
          ...(o.source ? { source: o.source } : {}),
          ...(o.subject ? { subjectRef: o.subject } : {}),
          ...(o.expires ? { expires: o.expires } : {}),
          ...(o.label ? { label: o.label } : {}),
        });
        process.stdout.write(
          `token ${t.id} (${o.role}, expires ${formatInstant(Number(t.row.expires_at))}) — shown once:\n${t.token}\n`,
        );
      } finally {
        await ctx.store.close();
      }
    });
  dbOptions(token.command('list').description('list tokens (never their secret)')).action(async (o) => {
    const ctx = await openRegistry(resolveOptions(o));
    try {
      for (const t of await listTokens(ctx)) {
        const state = t.revoked_at
          ? 'revoked'
          : t.expires_at && Number(t.expires_at) < ctx.clock.now()
            ? 'expired'
            : 'active';
        process.stdout.write(
          `${t.id}  ${t.role.padEnd(9)} ${state.padEnd(8)} ${t.source ?? ''}${t.subject_id ?? ''} ${t.label}\n`,
        );
      }
    } finally {
      await ctx.store.close();
    }
  });
  dbOptions(token.command('revoke').description('revoke a token').argument('<id>')).action(async (id, o) => {
    const ctx = await openRegistry(resolveOptions(o));
    try {
      await revokeToken(ctx, id);
      process.stdout.write(`token ${id} revoked\n`);
    } finally {
      await ctx.store.close();
    }
  });
}
