/**
 * `check` and `score` over HTTP with 50 concurrent connections, beside an authenticated hello-world in the same
 * run: `GET /healthz` sent with the same consumer token. Every request with a bearer token goes through the same
 * authentication hook (src/api/auth.ts, onRequest: `authenticate`, the token's hash looked up) before its route,
 * public or not, so /healthz with a token pays the token check and then answers a constant (no I/O). It skips
 * the per-token rate limit and the authorization table, which the check route pays. A wrong token there answers
 * 401, which the program checks first.
 *
 * The load generator (autocannon) runs in a child process of its own (bench/_load.ts); it still shares the
 * machine's cores with the server. Rounds run hello, check and score in turn; figures are medians of the rounds.
 *
 *   npx tsx bench/http.bench.ts [--subjects 100000] [--seconds 10] [--connections 50] [--reps 3]
 */
import { spawn } from 'node:child_process';
import { buildServer } from '../src/api/server.ts';
import { importLines } from '../src/app/ingest/ingest.file.ts';
import { createToken } from '../src/app/tokens/tokens.usecases.ts';
import {
  arg,
  asLines,
  fmt,
  freshRegistry,
  machine,
  median,
  ratio,
  recordLines,
  rejectCounter,
  report,
  subjectLines,
} from './_util.ts';

const SUBJECTS = arg('subjects', 100_000, 5000);
const SECONDS = arg('seconds', 10, 3);
const CONNECTIONS = arg('connections', 50);
const REPS = arg('reps', 3);

interface Load {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly total: number;
  readonly non2xx: number;
  readonly errors: number;
}

/** Runs the load generator in its own process; the server keeps this process's event loop to itself meanwhile. */
function load(url: string, paths: readonly string[], token: string, seconds = SECONDS): Promise<Load> {
  return new Promise((resolve, reject) => {
    const spec = JSON.stringify({ url, connections: CONNECTIONS, seconds, paths, token });
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/_load.ts', spec], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`load generator exited ${code}: ${out}`));
      else resolve(JSON.parse(line) as Load);
    });
  });
}

console.log(
  `http.bench: ${fmt(SUBJECTS)} subjects, ${CONNECTIONS} connections, ${SECONDS} s per route and round, ${REPS} rounds; ${machine()}`,
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
  try {
    const wrong = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { authorization: `Bearer ${'x'.repeat(43)}` },
    });
    if (wrong.statusCode !== 401)
      throw new Error(
        `/healthz with a wrong token answered ${wrong.statusCode}: the baseline would not check tokens`,
      );

    const orgs = subs.filter((s) => s.kind === 'organization');
    const paths = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
    const routes = [
      { key: 'hello', title: 'GET /healthz with the consumer token', paths: ['/healthz'], token: consumer },
      {
        key: 'check',
        title: 'GET /v1/subjects/{ref}/check/{measure}',
        paths: paths(
          1000,
          (i) => `/v1/subjects/${orgs[(i * 7919) % orgs.length]!.ref}/check/procurement.exclusion`,
        ),
        token: consumer,
      },
      {
        key: 'score',
        title: 'GET /v1/subjects/{ref}/score',
        paths: paths(1000, (i) => `/v1/subjects/${orgs[(i * 104729) % orgs.length]!.ref}/score`),
        token: admin,
      },
    ] as const;
    // warm-up: every route for a moment, so that no round pays first-run costs
    for (const r of routes) await load(url, r.paths, r.token, 1);
    const got: Record<string, Load[]> = { hello: [], check: [], score: [] };
    for (let rep = 0; rep < REPS; rep++)
      for (const r of routes) {
        const l = await load(url, r.paths, r.token);
        got[r.key]!.push(l);
        const bad = l.non2xx + l.errors;
        console.log(
          `  round ${rep + 1}: ${r.title.padEnd(40)} ${fmt(l.rps).padStart(7)} req/s  p50 ${fmt(l.p50, 1).padStart(5)} ms  p99 ${fmt(l.p99, 1).padStart(5)} ms${bad ? `  (${bad} non-2xx/errors)` : ''}`,
        );
        if (bad > l.total / 100) throw new Error(`${r.title}: ${bad} of ${l.total} answers were not 2xx`);
      }
    const m = (k: string, f: (l: Load) => number) => median(got[k]!.map(f));
    const hello = { rps: m('hello', (l) => l.rps), p99: m('hello', (l) => l.p99) };
    const check = {
      rps: m('check', (l) => l.rps),
      p50: m('check', (l) => l.p50),
      p99: m('check', (l) => l.p99),
    };
    const score = { rps: m('score', (l) => l.rps), p99: m('score', (l) => l.p99) };
    console.log(
      `\nmedians of ${REPS}: hello ${fmt(hello.rps)} req/s (p99 ${fmt(hello.p99, 1)} ms); check ${fmt(check.rps)} req/s (p99 ${fmt(check.p99, 1)} ms), ${ratio(check.rps, hello.rps)}; score ${fmt(score.rps)} req/s (p99 ${fmt(score.p99, 1)} ms), ${ratio(score.rps, hello.rps)}`,
    );
    const helloBase = {
      title: 'authenticated hello-world (`/healthz` with the same token)',
      value: hello.rps,
      unit: 'req/s',
    };
    const size = `${CONNECTIONS} connections, ${fmt(SUBJECTS)} subjects`;
    report({
      id: 'http.check',
      title: `HTTP \`check\`, ${size}`,
      value: check.rps,
      unit: 'req/s',
      baseline: helloBase,
      target: { text: '≥ 0.5×', op: '>=', value: 0.5, of: 'ratio' },
      runs: REPS,
      note: 'load generator in its own process, on the same cores',
    });
    report({
      id: 'http.check.p99',
      title: `HTTP \`check\` p99, ${size}`,
      value: check.p99,
      unit: 'ms',
      baseline: { title: 'authenticated hello-world p99', value: hello.p99, unit: 'ms' },
      target: { text: '< 20 ms', op: '<', value: 20, of: 'value' },
      runs: REPS,
      note: `p50 ${fmt(check.p50, 1)} ms`,
    });
    report({
      id: 'http.score',
      title: `HTTP \`score\`, ${size}`,
      value: score.rps,
      unit: 'req/s',
      baseline: helloBase,
      target: null,
      runs: REPS,
      note: `p99 ${fmt(score.p99, 1)} ms`,
    });
  } finally {
    await app.close();
  }
} finally {
  await reg.dispose();
}
