// Generates the TypeScript types of the API client (src/api/client/openapi.d.ts) from the OpenAPI document, with
// openapi-typescript (which needs TypeScript 5, installed in this workspace apart from the TypeScript 7 build),
// formatted as the repository formats its code.
//   node scripts/openapi-client/generate.mjs               the document from the compiled server (npm run build)
//   node scripts/openapi-client/generate.mjs --in DOC.json --out FILE
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TARGET = 'src/api/client/openapi.d.ts';
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};

const input = arg('--in');
const doc = input
  ? JSON.parse(readFileSync(input, 'utf8'))
  : await (
      await import(new URL('../../dist/api/openapi.document.js', import.meta.url).href)
    ).buildOpenApiDocument();
const ast = await openapiTS(doc, { alphabetize: true, exportType: true, rootTypes: false, silent: true });
const header =
  '// Generated from GET /v1/openapi.json by `npm run openapi:client` (openapi-typescript); do not edit.\n// size: generated, one type per operation and schema of the document\n';
const text = header + astToString(ast);
const biome = spawnSync(
  process.execPath,
  [join(root, 'node_modules/@biomejs/biome/bin/biome'), 'format', `--stdin-file-path=${TARGET}`],
  { input: text, encoding: 'utf8', cwd: root },
);
if (biome.status !== 0) {
  process.stderr.write(biome.stderr);
  process.exit(1);
}
const out = arg('--out') ?? join(root, TARGET);
writeFileSync(out, biome.stdout);
process.stdout.write(`openapi: client types written to ${out}\n`);
