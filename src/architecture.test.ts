// The module map, as a test: the layers import one way, nothing imports in a circle, production code never
// reaches test fixtures, app/ never opens a storage adapter, and files stay short unless they say why.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from './app/testing/paths.ts';

// the sources, also when this test runs compiled
const SRC = join(repoRoot(import.meta.dirname), 'src');
const MAX_LINES = 400;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? walk(p) : /\.(ts|tsx|mjs)$/.test(e.name) ? [p] : [];
  });
}

const files = walk(SRC);
const rel = (f: string) => relative(SRC, f).replaceAll('\\', '/');
const isTest = (f: string) => /\.test\.tsx?$/.test(f);
const isFixture = (f: string) => rel(f).startsWith('app/testing/');

/** Every static and dynamic import of a file: local ones resolved to files, packages by name. */
function importsOf(file: string): { local: string[]; packages: string[] } {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\s)(?:import|export)\s[^'"`;]*?from\s+['"]([^'"]+)['"]/gm)]
    .concat([...text.matchAll(/(?:^|\s)import\s+['"]([^'"]+)['"]/gm)])
    .concat([...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)])
    .map((m) => m[1]!);
  const local: string[] = [];
  const packages: string[] = [];
  for (const s of specs) {
    if (s.startsWith('.')) local.push(resolve(dirname(file), s));
    else packages.push(s);
  }
  return { local, packages };
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));
const layerOf = (f: string) => rel(f).split('/')[0]!;

/** Which layers each layer may import (DESIGN §8: domain ← rules ← app ← api, web, cli). */
const ALLOWED: Record<string, readonly string[]> = {
  domain: ['domain'],
  rules: ['domain', 'rules'],
  app: ['domain', 'rules', 'app'],
  sim: ['domain', 'rules', 'app', 'sim'],
  store: ['domain', 'rules', 'app', 'store'],
  api: ['domain', 'rules', 'app', 'sim', 'store', 'api', 'web'],
  web: ['domain', 'rules', 'app', 'sim', 'api', 'web'],
  cli: ['domain', 'rules', 'app', 'sim', 'store', 'api', 'web', 'cli'],
};

describe('the module map', () => {
  it('finds the source tree', () => {
    assert.ok(files.length > 50, `only ${files.length} files under ${SRC}`);
  });

  it('has no import cycles', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].map(rel).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const g of graph.get(f)?.local ?? []) if (graph.has(g)) visit(g, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    assert.deepEqual(cycles, []);
  });

  it('imports point one way between the layers', () => {
    const wrong: string[] = [];
    for (const [f, { local }] of graph) {
      if (isTest(f) || isFixture(f)) continue;
      const allowed = ALLOWED[layerOf(f)];
      if (!allowed) continue;
      for (const g of local) if (!allowed.includes(layerOf(g))) wrong.push(`${rel(f)} → ${rel(g)}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('keeps domain and rules pure: no node modules, drivers or HTTP', () => {
    const wrong: string[] = [];
    for (const [f, { packages }] of graph) {
      if (isTest(f) || !['domain', 'rules'].includes(layerOf(f))) continue;
      for (const p of packages)
        if (p.startsWith('node:') || /^(pg|better-sqlite3|kysely|fastify)/.test(p))
          wrong.push(`${rel(f)} → ${p}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('lets only the composition root and the store pick a storage adapter', () => {
    const wrong: string[] = [];
    for (const [f, { local, packages }] of graph) {
      if (isTest(f) || isFixture(f) || !['app', 'domain', 'rules', 'sim'].includes(layerOf(f))) continue;
      for (const g of local) if (layerOf(g) === 'store') wrong.push(`${rel(f)} → ${rel(g)}`);
      for (const p of packages) if (/^(pg|better-sqlite3)$/.test(p)) wrong.push(`${rel(f)} → ${p}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('keeps test fixtures out of production code', () => {
    const wrong: string[] = [];
    for (const [f, { local }] of graph) {
      if (isTest(f) || isFixture(f)) continue;
      for (const g of local) if (isFixture(g) || isTest(g)) wrong.push(`${rel(f)} → ${rel(g)}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('names the files of each app module <module>.<role>', () => {
    const wrong: string[] = [];
    for (const f of files) {
      const parts = rel(f).split('/');
      if (parts[0] !== 'app' || parts.length !== 3 || parts[1] === 'testing') continue;
      const [, module, name] = parts;
      if (!name!.startsWith(`${module}.`) && !name!.endsWith('.mjs')) wrong.push(rel(f));
    }
    assert.deepEqual(wrong, []);
  });

  it('keeps files under 400 lines unless they state why', () => {
    const long: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const lines = text.split('\n').length;
      if (lines > MAX_LINES && !/^\/\/ size: .{10,}/m.test(text)) long.push(`${rel(f)} (${lines} lines)`);
    }
    assert.deepEqual(long, []);
  });
});
