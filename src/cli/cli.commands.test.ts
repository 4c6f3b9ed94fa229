import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cliArgs } from '../app/testing/cli.ts';
import { repoRoot } from '../app/testing/paths.ts';

const ROOT = repoRoot(import.meta.dirname);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `credence ARGS` from the repository (or `cwd`) and collects what it says. */
function credence(
  args: readonly string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Run> {
  // absolute, so that the command also starts from another working directory
  const cli = cliArgs().map((a) =>
    a === 'tsx' ? import.meta.resolve('tsx') : a.endsWith('.ts') || a.endsWith('.js') ? join(ROOT, a) : a,
  );
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, [...cli, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, TZ: 'UTC', CREDENCE_ID_KEY: '', CREDENCE_KEY_FILE: '', ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', rej);
    p.on('close', (code) => res({ code, stdout, stderr }));
  });
}

/** Runs every job, `width` at a time (the machine has two cores; each start costs a process). */
async function pool<T, R>(items: readonly T[], width: number, job: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await job(items[i]!);
      }
    }),
  );
  return out;
}

/**
 * The commands of the README's command table: the first column of each row starting with `credence`, every code
 * span in it (`credence rulebook draft FILE` · `publish FILE` …). A span without `credence` continues the group
 * of the first one when that names a subcommand (`rulebook draft` → `rulebook publish`).
 */
export function readmeCommands(readme: string): string[] {
  const out = new Set<string>();
  for (const line of readme.split('\n')) {
    if (!line.startsWith('| `credence ')) continue;
    const cell = line.slice(2).split(/(?<!\\) \| /)[0] ?? '';
    const spans = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/^credence /, ''));
    const words = (s: string) => {
      const ws: string[] = [];
      for (const w of s.split(/\s+/)) {
        if (!/^[a-z][a-z-]*$/.test(w) || ws.length === 2) break;
        ws.push(w);
      }
      return ws;
    };
    const first = words(spans[0] ?? '');
    const group = first.length === 2 ? first[0] : undefined;
    for (const [i, span] of spans.entries()) {
      const ws = words(span);
      if (ws.length === 0) continue;
      out.add((i > 0 && group && ws[0] !== group ? [group, ws[0]!] : ws).join(' '));
    }
  }
  return [...out].sort();
}

describe('the CLI matches the README', () => {
  const commands = readmeCommands(readFileSync(join(ROOT, 'README.md'), 'utf8'));

  test('the command table is read: annul, correct and the rulebook lifecycle are among its commands', () => {
    for (const c of [
      'annul',
      'correct',
      'rulebook draft',
      'rulebook publish',
      'rulebook versions',
      'notices',
    ])
      assert.ok(commands.includes(c), `${c} in ${commands.join(', ')}`);
    assert.ok(commands.length >= 20, `${commands.length} commands read`);
  });

  test('every command of the README answers --help with its usage and exit 0', async () => {
    const runs = await pool(commands, 4, (c) => credence([...c.split(' '), '--help']));
    const failed = commands
      .map((c, i) => ({ c, r: runs[i]! }))
      .filter(({ c, r }) => r.code !== 0 || !r.stdout.startsWith(`Usage: credence ${c} `));
    assert.deepEqual(
      failed.map(({ c, r }) => `${c}: exit ${r.code} ${(r.stdout || r.stderr).split('\n')[0]}`),
      [],
    );
  });
});

describe('operational errors: one clear line, exit 1, no stack trace', () => {
  let dir: string;
  let db: string;
  let busy: Server;
  let port: number;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'credence-cli-'));
    db = join(dir, 'registry.db');
    busy = createServer();
    await new Promise<void>((res) => busy.listen(0, '127.0.0.1', res));
    port = (busy.address() as { port: number }).port;
    const init = await credence(['init', '--db', db]);
    assert.equal(init.code, 0, init.stderr);
  });

  after(async () => {
    await new Promise((res) => busy.close(res));
    rmSync(dir, { recursive: true, force: true });
  });

  const oneLine = (r: Run, code: number, pattern: RegExp) => {
    assert.equal(r.code, code, `exit ${r.code}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, `one line: ${r.stderr}`);
    assert.match(r.stderr, pattern);
  };

  test('each failure says what went wrong in one line', async () => {
    const missingDb = `credence_missing_${process.pid}`;
    const [file, rulebook, unreachable, noDatabase, port_, noRegistry, usage] = await Promise.all([
      credence(['import', join(dir, 'no-such-file.ndjson'), '--db', db]),
      credence(['rulebook', 'check', join(dir, 'no-such-rulebook.yaml')]),
      credence(['score', '91350100M000100Y43', '--database-url', 'postgres://127.0.0.1:1/x']),
      credence([
        'score',
        '91350100M000100Y43',
        '--database-url',
        `postgres://postgres@127.0.0.1:5432/${missingDb}`,
      ]),
      credence(['serve', '--db', db, '--port', String(port)]),
      credence(['score', '91350100M000100Y43', '--db', join(dir, 'nowhere.db')]),
      credence(['annul', 'court/C-1']),
    ]);
    oneLine(file, 1, /no such file: .*no-such-file\.ndjson/);
    oneLine(rulebook, 1, /cannot read .*no-such-rulebook\.yaml/);
    oneLine(unreachable, 1, /cannot reach the database at 127\.0\.0\.1:1: connection refused/);
    oneLine(noDatabase, 1, new RegExp(`(database "${missingDb}" does not exist|cannot reach the database)`));
    oneLine(port_, 1, new RegExp(`127\\.0\\.0\\.1:${port}: the port is already in use`));
    oneLine(noRegistry, 1, /no registry at .*nowhere\.db/);
    assert.equal(usage.code, 2, 'a missing required option is a usage error');
    assert.doesNotMatch(usage.stderr, /\n\s+at /);
  });

  test('serve with no registry named serves the embedded default under ./data, created on first start', async () => {
    const cwd = mkdtempSync(join(dir, 'here-'));
    // the port is taken, so the server stops right after opening its registry
    const r = await credence(['serve', '--port', String(port)], { cwd });
    oneLine(r, 1, /the port is already in use/);
    assert.ok(existsSync(join(cwd, 'data', 'credence.db')), 'the registry file');
    assert.ok(existsSync(join(cwd, 'data', 'credence.db.key')), 'and its identity key beside it');
  });

  test('the identity key file is found the same way from any directory', async () => {
    const key = join(dir, 'keys', 'registry.key');
    const other = join(dir, 'elsewhere.db');
    const init = await credence(['init', '--db', other, '--key-file', key]);
    assert.equal(init.code, 0, init.stderr);
    assert.ok(existsSync(key), 'init writes the key where --key-file says');
    assert.ok(!existsSync(`${other}.key`), 'and not beside the database');
    // from another directory, with the database and key named from there
    const read = await credence(['rulebook', 'versions', '--db', other, '--key-file', key], {
      cwd: tmpdir(),
    });
    assert.equal(read.code, 0, read.stderr);
    const without = await credence(['rulebook', 'versions', '--db', other], { cwd: tmpdir() });
    oneLine(without, 1, /identity key not found at .*elsewhere\.db\.key/);
  });
});
