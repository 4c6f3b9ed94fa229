// Installs dependencies when they are missing or older than the lock file, so that
// `npm start` and `npm test` work on a fresh clone. Uses only node: built-ins.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs - 1000;
if (stale) {
  console.log('credence: installing dependencies (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
