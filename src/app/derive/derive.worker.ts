import { parentPort, workerData } from 'node:worker_threads';
import type { SubjectFile } from '../../rules/ledger.model.ts';
import { compileLoaded } from '../../rules/rulebook.recompile.ts';
import { RulebookSet } from '../../rules/versions.ts';
import { computeFiles } from './derive.compute.ts';

/**
 * A derivation worker: pure computation only (it imports the rules and nothing of the store), so that it starts
 * fast. It compiles the rulebook versions once (documents parsed by the pool), then derives the files it is sent.
 */
const data = workerData as { rulebooks: { doc: unknown; source: string; hash: string }[] };
const versions = new RulebookSet(data.rulebooks.map((r) => compileLoaded(r.doc, r.hash, r.source)));

parentPort!.on('message', (m: { job: number; now: number; files: [number, SubjectFile][] }) => {
  try {
    parentPort!.postMessage({ job: m.job, results: computeFiles(m.files, versions, m.now) });
  } catch (e) {
    parentPort!.postMessage({ job: m.job, error: e instanceof Error ? e.message : String(e) });
  }
});
