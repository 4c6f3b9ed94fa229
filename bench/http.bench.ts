/**
 * `check` and `score` over HTTP with 50 concurrent connections, beside the server's own hello-world route
 * (`/healthz`: a constant answer, no I/O, the same plugins and hooks) in the same run. The load generator (autocannon) runs in the same process on the same 2 cores as the server, so
 * all figures are lower than a server alone would reach; the ratio to hello-world is the figure to read.
 *
 *   npx tsx bench/http.bench.ts [--subjects 100000] [--seconds 10] [--connections 50]
 */
import autocannon from 'autocannon';
import { buildServer } from '../src/api/server.ts';
import { importLines } from '../src/app/ingest/ingest.file.ts';
import { createToken } from '../src/app/tokens/tokens.usecases.ts';
import {
  arg,
  asLines,
  fmt,
  freshRegistry,
  machine,
  ratio,
  recordLines,
  rejectCounter,
  subjectLines,
} from './_util.ts';

const SUBJECTS = arg('subjects', 100_000);
const SECONDS = arg('seconds', 10);
const CONNECTIONS = arg('connections', 50);

console.log(
  `http.bench: ${fmt(SUBJECTS)} subjects, ${CONNECTIONS} connections, ${SECONDS} s per route; ${machine()}`,
);
const reg = await freshRegistry();
try {
  const { lines, subs } = subjectLines(reg.rb, SUBJECTS);
  const rej = rejectCounter();
  const t0 = performance.now();
  await importLines(reg.ctx, asLines(lines), rej.on);
  const some = subs.filter((_, i) => i % 50 === 0);
  await importLines(reg.ctx, asLines(recordLines(reg.rb, some, some.length * 3, 9, 'HTTP')), rej.on);
  console.log(`population built in ${fmt((performance.now() - t0) / 1000, 1)} s`);
  const consumer = (await createToken(reg.ctx, { role: 'consumer' })).token;
  const admin = (await createToken(reg.ctx, { role: 'admin' })).token;
  const app = await buildServer(reg.ctx, { logger: false, rateLimit: 10_000_000 });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const orgs = subs.filter((s) => s.kind === 'organization');
  const paths = (n: number, f: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => ({ method: 'GET' as const, path: f(i) }));
  const run = async (title: string, requests: { method: 'GET'; path: string }[], token?: string) => {
    const r = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests,
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    });
    const bad = r.non2xx + r.errors;
    console.log(
      `${title.padEnd(44)} ${fmt(r.requests.average).padStart(7)} req/s  p50 ${fmt(r.latency.p50, 1).padStart(6)} ms  p99 ${fmt(r.latency.p99, 1).padStart(6)} ms${bad ? `  (${bad} non-2xx/errors)` : ''}`,
    );
    return r;
  };
  const hello = await run(
    'GET /healthz (hello-world: no I/O, same server)',
    paths(1, () => '/healthz'),
  );
  const check = await run(
    'GET /v1/subjects/{ref}/check/{measure}',
    paths(1000, (i) => `/v1/subjects/${orgs[(i * 7919) % orgs.length]!.ref}/check/procurement.exclusion`),
    consumer,
  );
  const score = await run(
    'GET /v1/subjects/{ref}/score',
    paths(1000, (i) => `/v1/subjects/${orgs[(i * 104729) % orgs.length]!.ref}/score`),
    admin,
  );
  console.log(
    `check / hello-world: ${ratio(check.requests.average, hello.requests.average)}; score / hello-world: ${ratio(score.requests.average, hello.requests.average)}`,
  );
  console.log('(the load generator shares the 2 cores with the server)');
  await app.close();
} finally {
  await reg.dispose();
}
