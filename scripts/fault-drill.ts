/**
 * Fault drill: kill -9 at random points of an import, of a server under API writes, and of a delivery run, a
 * few times each, restarting after every kill; then the registry must verify clean and nothing acknowledged may
 * be missing:
 *
 *   1. `credence import` of a generated file (~20k records) killed `--rounds` times, then run to completion: every
 *      line applied, none rejected, and a rerun changes nothing (all lines unchanged);
 *   2. `credence serve` under a stream of `POST /v1/records` with a source token, killed `--rounds` times: every
 *      write answered 2xx is in the registry afterwards;
 *   3. `credence deliver --loop` to a local webhook receiver, killed `--rounds` times, then run until the outbox is
 *      empty: every notice has a delivery, every delivery is marked delivered, and none is marked delivered that the
 *      receiver never got;
 *   4. `credence verify` (audit chain, ledger and every derived state recomputed) exits 0.
 *
 * Prints a summary table; exits 1 on any violation. Loopback only; every wait is bounded.
 *
 *   node --import tsx scripts/fault-drill.ts [--rounds 5] [--records 20000] [--subjects 2000] [--seed 1]
 *                                            [--database-url postgres://…/EMPTY_DB] [--compiled] [--keep]
 *
 * Without --database-url it drills a fresh SQLite registry in a temporary directory; with it, the given database,
 * which must be empty (the drill does not create or drop it). --compiled runs dist/cli/main.js (npm run build).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { loadRulebook } from '../src/rules/rulebook.loader.ts';
import { prng, simulatePopulation } from '../src/sim/population.ts';

// ── options ────────────────────────────────────────────────────────────────────────────────────────────────────
const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const num = (name: string, dflt: number) => {
  const v = Number(opt(name) ?? dflt);
  if (!Number.isSafeInteger(v) || v < 1) throw new Error(`--${name} needs a positive integer`);
  return v;
};
const ROUNDS = num('rounds', 5);
const RECORDS = num('records', 20_000);
const SUBJECTS = num('subjects', 2_000);
const SEED = num('seed', 1);
const DATABASE_URL = opt('database-url');
const KEEP = argv.includes('--keep');
const ROOT = resolve(import.meta.dirname, '..');
const CLI = argv.includes('--compiled')
  ? [join(ROOT, 'dist/cli/main.js')]
  : ['--import', 'tsx', join(ROOT, 'src/cli/main.ts')];
if (DATABASE_URL && !/^postgres(ql)?:\/\/[^/]*(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(DATABASE_URL))
  throw new Error(
    'the drill uses loopback addresses only: --database-url must point at 127.0.0.1 or localhost',
  );
if (CLI[0]!.endsWith('.js') && !existsSync(CLI[0]!)) throw new Error('--compiled: run `npm run build` first');

const rnd = prng(SEED * 7919);
const between = (lo: number, hi: number) => Math.round(lo + rnd() * (hi - lo));
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

const dir = mkdtempSync(join(tmpdir(), 'credence-drill-'));
const DB = join(dir, 'registry.db');
const where = DATABASE_URL ? ['--database-url', DATABASE_URL] : ['--db', DB];
// keys in the environment: nothing is written outside the drill's directory, on either engine
const env = {
  ...process.env,
  CREDENCE_ID_KEY: randomBytes(32).toString('hex'),
  CREDENCE_SIGNING_KEY: generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString(),
  CREDENCE_DELIVERY_TIMEOUT_MS: '3000',
  DATABASE_URL: '',
  NO_COLOR: '1',
};

// ── findings ───────────────────────────────────────────────────────────────────────────────────────────────────
interface Row {
  phase: string;
  rounds: string;
  what: string;
  result: string;
  ok: boolean;
}
const rows: Row[] = [];
const note = (phase: string, rounds: string, what: string, result: string, ok: boolean) => {
  rows.push({ phase, rounds, what, result, ok });
  process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'} ${phase}: ${what} — ${result}\n`);
};

// ── processes ──────────────────────────────────────────────────────────────────────────────────────────────────
interface Run {
  child: ChildProcess;
  out: string[];
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}
function start(args: readonly string[]): Run {
  const child = spawn(process.execPath, [...CLI, ...args], {
    env,
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  const err: string[] = [];
  child.stdout!.on('data', (d: Buffer) => out.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => err.push(d.toString()));
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((res) =>
    child.on('exit', (code, signal) => res({ code, signal, stdout: out.join(''), stderr: err.join('') })),
  );
  return { child, out, done };
}
/** Runs a command to its end (at most `limitMs`, then it is killed and the drill fails). */
async function run(args: readonly string[], limitMs = 600_000) {
  const r = start(args);
  const timer = setTimeout(() => r.child.kill('SIGKILL'), limitMs);
  const res = await r.done;
  clearTimeout(timer);
  if (res.signal) throw new Error(`credence ${args[0]} did not finish within ${limitMs / 1000} s`);
  return res;
}
/** Kills with SIGKILL (no handler runs, nothing is flushed) and waits for the process to be gone. */
async function kill9(r: Run) {
  if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
  return (await r.done).signal === 'SIGKILL';
}
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((res) => s.listen(0, '127.0.0.1', res));
  const { port } = s.address() as AddressInfo;
  await new Promise((res) => s.close(res));
  return port;
}

// ── reading the registry directly (counts and keys; read only) ─────────────────────────────────────────────────
async function query<T>(text: string): Promise<T[]> {
  if (DATABASE_URL) {
    const c = new pg.Client({ connectionString: DATABASE_URL });
    await c.connect();
    try {
      return (await c.query(text)).rows as T[];
    } finally {
      await c.end();
    }
  }
  const db = new Database(DB, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(text).all() as T[];
  } finally {
    db.close();
  }
}
const recordKeys = async () =>
  new Set(
    (await query<{ k: string }>(`select source || '/' || record_id as k from records`)).map((r) => r.k),
  );

// ── the webhook receiver ───────────────────────────────────────────────────────────────────────────────────────
/** Every delivery it received: `subject_id/delivery id` → how many times. */
const received = new Map<string, number>();
let receiver: Server | undefined;
async function startReceiver(): Promise<string> {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const b = JSON.parse(Buffer.concat(chunks).toString()) as { subject_id: number; delivery: string };
        const k = `${b.subject_id}/${b.delivery}`;
        received.set(k, (received.get(k) ?? 0) + 1);
        res.writeHead(204).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  receiver.keepAliveTimeout = 1000;
  await new Promise<void>((res) => receiver!.listen(0, '127.0.0.1', res));
  return `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
}

// ── the import file ────────────────────────────────────────────────────────────────────────────────────────────
const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const loaded = loadRulebook(readFileSync(join(ROOT, 'rulebooks/default.yaml'), 'utf8'), { hash: 'drill' });
if (!loaded.value) throw new Error('the default rulebook does not load');
const rb = loaded.value;
const types = [...rb.recordTypes.values()];
const API_TYPE = types.find((t) => t.domain === 'tax' && t.subjects.includes('organization'));
if (!API_TYPE) throw new Error('the default rulebook has no tax record type for organizations');

function writeImportFile(): {
  file: string;
  lines: number;
  records: string[];
  subjects: number;
  orgs: string[];
} {
  const now = Date.now();
  const out: string[] = [
    JSON.stringify({ kind: 'source', id: 'drill-api', name: 'Drill API source', domains: ['tax'] }),
  ];
  const subs: { ref: string; kind: 'person' | 'organization' }[] = [];
  for (const l of simulatePopulation(rb, { subjects: SUBJECTS, seed: SEED, now })) {
    if (l.kind === 'source' || l.kind === 'person' || l.kind === 'organization') out.push(JSON.stringify(l));
    if (l.kind === 'person') subs.push({ ref: String(l.national_id), kind: 'person' });
    if (l.kind === 'organization') subs.push({ ref: String(l.usci), kind: 'organization' });
  }
  const per = {
    person: types.filter((t) => t.subjects.includes('person')),
    organization: types.filter((t) => t.subjects.includes('organization')),
  };
  const records: string[] = [];
  for (let i = 0; i < RECORDS; i++) {
    const s = subs[Math.floor(rnd() * subs.length)]!;
    const t = per[s.kind][Math.floor(rnd() * per[s.kind].length)]!;
    const id = `DRILL-${String(i).padStart(7, '0')}`;
    records.push(`${t.domain}-authority/${id}`);
    out.push(
      JSON.stringify({
        source: `${t.domain}-authority`,
        id,
        subject: s.ref,
        type: t.name,
        occurred_at: isoDay(now - between(1, 3 * 365) * DAY),
        legal_basis: `Drill record under ${t.title}`,
        evidence: [`sha256:${randomBytes(32).toString('hex')}`],
        ...(t.domain === 'tax' || t.domain === 'finance' ? { amount: between(100, 200_000) } : {}),
      }),
    );
  }
  const file = join(dir, 'drill.ndjson');
  writeFileSync(file, `${out.join('\n')}\n`);
  return {
    file,
    lines: out.length,
    records,
    subjects: subs.length,
    orgs: subs.filter((s) => s.kind === 'organization').map((s) => s.ref),
  };
}

const summaryOf = (stdout: string) => {
  const m = /(\d+) lines — (\d+) created, (\d+) updated, (\d+) unchanged, (\d+) rejected/.exec(stdout);
  if (!m) return undefined;
  const [lines, created, updated, unchanged, rejected] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return { lines, created, updated, unchanged, rejected };
};

// ── 1. import ──────────────────────────────────────────────────────────────────────────────────────────────────
async function drillImport(hook: string) {
  const f = writeImportFile();
  process.stdout.write(`\n1. import of ${f.lines} lines (${RECORDS} records, ${f.subjects} subjects)\n`);
  const init = await run(['init', ...where]);
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  const sub = await run(['subscriber', 'add', 'drill-hook', hook, ...where]);
  if (sub.code !== 0) throw new Error(`subscriber add failed: ${sub.stderr}`);
  let landed = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const r = start(['import', f.file, ...where]);
    // a random instant in the import's work (its start-up takes about a second)
    await Promise.race([sleep(between(1_500, 12_000)), r.done]);
    if (await kill9(r)) landed++;
  }
  const full = await run(['import', f.file, ...where]);
  const s1 = summaryOf(full.stdout);
  const again = await run(['import', f.file, ...where]);
  const s2 = summaryOf(again.stdout);
  const keys = await recordKeys();
  const missing = f.records.filter((k) => !keys.has(k));
  const subjects = Number((await query<{ n: number }>('select count(*) as n from subjects'))[0]?.n);
  const rounds = `${landed}/${ROUNDS} killed`;
  note(
    'import',
    rounds,
    'rerun to completion',
    s1 ? `${s1.lines} lines, ${s1.rejected} rejected` : full.stderr,
    !!s1 && s1.rejected === 0 && full.code === 0,
  );
  note(
    'import',
    rounds,
    'every record line applied',
    `${f.records.length - missing.length}/${f.records.length} records present${missing.length ? ` (missing e.g. ${missing.slice(0, 3).join(', ')})` : ''}`,
    missing.length === 0,
  );
  note(
    'import',
    rounds,
    'every subject line applied',
    `${subjects}/${f.subjects} subjects`,
    subjects === f.subjects,
  );
  note(
    'import',
    rounds,
    'a second rerun changes nothing',
    s2 ? `${s2.created} created, ${s2.updated} updated, ${s2.unchanged} unchanged` : again.stderr,
    !!s2 && s2.created === 0 && s2.updated === 0 && s2.rejected === 0 && s2.unchanged === s2.lines,
  );
  return f.orgs;
}

// ── 2. a server under writes ───────────────────────────────────────────────────────────────────────────────────
async function drillServe(orgs: readonly string[]) {
  process.stdout.write('\n2. serve under a stream of API writes\n');
  const t = await run([
    'token',
    'create',
    '--role',
    'source',
    '--source',
    'drill-api',
    '--label',
    'drill',
    ...where,
  ]);
  const token = t.stdout.trim().split('\n').at(-1)!;
  if (t.code !== 0 || !token) throw new Error(`token create failed: ${t.stderr}`);
  const acked = new Set<string>();
  let sent = 0;
  let refused = 0;
  let landed = 0;
  let n = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const port = await freePort();
    const server = start(['serve', '--port', String(port), ...where]);
    const base = `http://127.0.0.1:${port}`;
    let up = false;
    for (let i = 0; i < 150 && !up && server.child.exitCode === null; i++) {
      up = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (!up) await sleep(200);
    }
    if (!up) {
      await kill9(server);
      throw new Error(`the server did not start: ${server.out.join('')}`);
    }
    let stop = false;
    const writer = async () => {
      while (!stop) {
        const id = `API-${++n}`;
        const body = {
          source: 'drill-api',
          id,
          subject: orgs[Math.floor(rnd() * orgs.length)],
          type: API_TYPE!.name,
          occurred_at: isoDay(Date.now() - DAY),
          legal_basis: 'Tax Collection Administration Law art. 32',
          evidence: [`sha256:${randomBytes(32).toString('hex')}`],
          amount: 1000,
        };
        sent++;
        try {
          const r = await fetch(`${base}/v1/records`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(5000),
          });
          if (r.status >= 200 && r.status < 300) acked.add(`drill-api/${id}`);
          else refused++;
          await r.body?.cancel();
        } catch {
          // no answer: not acknowledged (it may or may not have been applied)
        }
        // about 100 writes a second in all: under the API's 600 a minute per token for a few seconds
        await sleep(30);
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    await sleep(between(800, 4_000));
    if (await kill9(server)) landed++;
    stop = true;
    await Promise.all(writers);
  }
  const keys = await recordKeys();
  const lost = [...acked].filter((k) => !keys.has(k));
  const rounds = `${landed}/${ROUNDS} killed`;
  note(
    'serve',
    rounds,
    'acknowledged writes in the registry',
    `${acked.size - lost.length}/${acked.size} (of ${sent} sent, ${refused} refused)${lost.length ? `; lost e.g. ${lost.slice(0, 3).join(', ')}` : ''}`,
    lost.length === 0 && acked.size > 0,
  );
}

// ── 3. deliveries ──────────────────────────────────────────────────────────────────────────────────────────────
interface OutboxLine {
  subject_id: number | string;
  id: string;
  status: string;
}
async function drillDeliver() {
  process.stdout.write('\n3. deliver --loop to a local webhook receiver\n');
  let landed = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const r = start(['deliver', '--loop', '--interval', '0.1', ...where]);
    await Promise.race([sleep(between(1_500, 6_000)), r.done]);
    if (await kill9(r)) landed++;
  }
  // then until the outbox is empty (bounded)
  const r = start(['deliver', '--loop', '--interval', '0.2', ...where]);
  const deadline = Date.now() + 15 * 60_000;
  let pending = Number.POSITIVE_INFINITY;
  while (Date.now() < deadline && r.child.exitCode === null) {
    await sleep(2_000);
    pending = Number(
      (await query<{ n: number }>(`select count(*) as n from outbox where status = 'pending'`))[0]?.n,
    );
    if (pending === 0) break;
  }
  r.child.kill('SIGTERM');
  await Promise.race([r.done, sleep(10_000)]);
  if (r.child.exitCode === null) await kill9(r);
  const outbox = await query<OutboxLine>('select subject_id, id, status from outbox');
  const orphans = Number(
    (
      await query<{ n: number }>(
        `select count(*) as n from notices n where not exists
           (select 1 from outbox o where o.subject_id = n.subject_id and o.notice_id = n.id)`,
      )
    )[0]?.n,
  );
  const notices = Number((await query<{ n: number }>('select count(*) as n from notices'))[0]?.n);
  const key = (o: OutboxLine) => `${Number(o.subject_id)}/${o.id}`;
  const undelivered = outbox.filter((o) => o.status !== 'delivered');
  const phantom = outbox.filter((o) => o.status === 'delivered' && !received.has(key(o)));
  const never = outbox.filter((o) => !received.has(key(o)));
  const receipts = [...received.values()].reduce((a, b) => a + b, 0);
  const rounds = `${landed}/${ROUNDS} killed`;
  note(
    'deliver',
    rounds,
    'every notice has a delivery',
    `${notices - orphans}/${notices} notices`,
    orphans === 0 && notices > 0,
  );
  note(
    'deliver',
    rounds,
    'every delivery received at least once',
    `${outbox.length - never.length}/${outbox.length} (${receipts} receipts, ${receipts - received.size} repeats)`,
    never.length === 0,
  );
  note(
    'deliver',
    rounds,
    'marked delivered',
    `${outbox.length - undelivered.length}/${outbox.length}${undelivered.length ? ` (${undelivered.length} ${[...new Set(undelivered.map((o) => o.status))].join('/')})` : ''}`,
    undelivered.length === 0,
  );
  note(
    'deliver',
    rounds,
    'none marked delivered but never received',
    `${phantom.length} such`,
    phantom.length === 0,
  );
}

// ── 4. verify ──────────────────────────────────────────────────────────────────────────────────────────────────
async function drillVerify() {
  process.stdout.write('\n4. credence verify\n');
  const v = await run(['verify', ...where]);
  const text = (v.stdout + v.stderr).trim().split('\n').slice(0, 6).join(' | ');
  note('verify', '—', 'chain, ledger and derived state (exit 0)', `exit ${v.code}: ${text}`, v.code === 0);
}

// ── main ───────────────────────────────────────────────────────────────────────────────────────────────────────
const started = Date.now();
process.stdout.write(
  `fault drill: ${ROUNDS} kills each, ${DATABASE_URL ? 'PostgreSQL' : 'SQLite'} registry, seed ${SEED}, in ${dir}\n`,
);
let crashed: unknown;
try {
  const hook = await startReceiver();
  const orgs = await drillImport(hook);
  await drillServe(orgs);
  await drillDeliver();
  await drillVerify();
} catch (e) {
  crashed = e;
} finally {
  receiver?.close();
  receiver?.closeAllConnections();
}
const w = [7, 10, 42];
process.stdout.write(
  `\n${'phase'.padEnd(w[0]!)} ${'rounds'.padEnd(w[1]!)} ${'check'.padEnd(w[2]!)} result\n${'─'.repeat(110)}\n`,
);
for (const r of rows)
  process.stdout.write(
    `${r.phase.padEnd(w[0]!)} ${r.rounds.padEnd(w[1]!)} ${r.what.padEnd(w[2]!)} ${r.ok ? 'ok' : 'VIOLATION'}: ${r.result}\n`,
  );
const failed = rows.filter((r) => !r.ok).length;
if (crashed)
  process.stdout.write(
    `\nthe drill stopped: ${crashed instanceof Error ? crashed.message : String(crashed)}\n`,
  );
process.stdout.write(
  `\n${failed === 0 && !crashed ? 'clean' : crashed ? 'the drill did not finish' : `${failed} violation(s)`} in ${Math.round((Date.now() - started) / 1000)} s\n`,
);
if (!KEEP) rmSync(dir, { recursive: true, force: true });
else process.stdout.write(`registry kept in ${dir}\n`);
process.exit(failed === 0 && !crashed ? 0 : 1);
