/**
 * The HTTP load generator, run by http.bench.ts in a process of its own so that it does not share the server's
 * event loop: autocannon against the given URL and requests; prints one JSON line with the figures.
 *
 *   node --import tsx bench/_load.ts '{"url":"http://127.0.0.1:1234","connections":50,"seconds":10,"paths":["/healthz"],"token":"…"}'
 */
import autocannon from 'autocannon';

interface Spec {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly paths: readonly string[];
  readonly token?: string;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;
const r = await autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.seconds,
  requests: spec.paths.map((path) => ({ method: 'GET' as const, path })),
  ...(spec.token ? { headers: { authorization: `Bearer ${spec.token}` } } : {}),
});
console.log(
  JSON.stringify({
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
  }),
);
