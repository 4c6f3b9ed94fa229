// Lints the API document (GET /v1/openapi.json) with Redocly's recommended ruleset: 0 errors and 0 warnings, or
// exit 1. The document is built in-process from the compiled server (npm run build first); no port, no network.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { buildOpenApiDocument } = await import(
  new URL('../dist/api/openapi.document.js', import.meta.url).href
);
const dir = mkdtempSync(join(tmpdir(), 'credence-openapi-'));
try {
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(await buildOpenApiDocument(), null, 2));
  const args = ['lint', file, '--config', join(root, 'scripts/redocly.yaml')];
  const env = {
    ...process.env,
    REDOCLY_TELEMETRY: 'off',
    REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
    NO_COLOR: '1',
  };
  const cli = join(root, 'node_modules/@redocly/cli/bin/cli.js');
  const json = spawnSync(process.execPath, [cli, ...args, '--format=json'], { env, encoding: 'utf8' });
  let totals;
  try {
    totals = JSON.parse(json.stdout.slice(json.stdout.indexOf('{'))).totals;
  } catch {
    process.stderr.write(`${json.stdout}\n${json.stderr}\nopenapi: redocly did not answer\n`);
    process.exit(1);
  }
  if (totals.errors > 0 || totals.warnings > 0) {
    // the readable report, then the verdict
    spawnSync(process.execPath, [cli, ...args, '--format=stylish'], { env, stdio: 'inherit' });
    process.stderr.write(
      `openapi: ${totals.errors} errors, ${totals.warnings} warnings (0 and 0 required)\n`,
    );
    process.exit(1);
  }
  process.stdout.write('openapi: redocly lint (recommended): 0 errors, 0 warnings\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
