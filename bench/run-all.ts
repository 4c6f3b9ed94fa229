/** Runs every benchmark once at its default size, one after the other (each prints its own baseline). */
import { spawnSync } from 'node:child_process';

const programs = ['rules', 'score', 'import', 'rebuild', 'check', 'screen', 'search', 'http'];
for (const p of programs) {
  console.log(`\n=== bench/${p}.bench.ts ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${p}.bench.ts`], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
}
