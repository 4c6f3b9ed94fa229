import { parentPort, workerData } from 'node:worker_threads';
import { RulebookSet } from '../rules/versions.ts';
import { openPostgres } from '../store/postgres/postgres.store.ts';
import { openSqlite } from '../store/sqlite/sqlite.store.ts';
import { loadFiles } from './files.ts';
import { checkRulebook } from './rulebooks.ts';
import { evaluateFiles } from './whatif.ts';

/** A what-if worker: its own connection, the same versions, batches of subject ids in, partial counts out. */
const data = workerData as {
  location: { db?: string; databaseUrl?: string };
  current: string[];
  draft: string;
  when: number;
};
const store = data.location.databaseUrl
  ? await openPostgres(data.location.databaseUrl)
  : await openSqlite(data.location.db!);
const current = new RulebookSet(data.current.map((t) => checkRulebook(t).value!));
const draft = checkRulebook(data.draft).value!;
const proposed = new RulebookSet([...current.versions.filter((v) => v.hash !== draft.hash), draft]);

parentPort!.on('message', (ids: number[]) => {
  void (async () => {
    const { files } = await store.transaction((tx) => loadFiles(tx, current, ids));
    parentPort!.postMessage(evaluateFiles(files.values(), current, proposed, data.when));
  })();
});
