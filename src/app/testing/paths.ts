import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Tests run from source (tsx) or compiled (scripts/run-tests.mjs runs them from `.test-dist/`, which spares every
 * test process the loader). These name files the same way in both.
 */

/** The repository's root: the nearest folder above `from` that holds package.json. */
export function repoRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

/** A module beside `base` (a caller's `import.meta.url`), named by its source path: `.ts` becomes `.js` compiled. */
export function moduleBeside(path: string, base: string): URL {
  return new URL(base.endsWith('.js') ? path.replace(/\.tsx?(?=$|\?)/, '.js') : path, base);
}
