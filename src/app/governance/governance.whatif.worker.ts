import { parentPort, workerData } from 'node:worker_threads';
import { RulebookSet } from '../../rules/versions.ts';
import type { StoreFactory } from '../ports/ports.context.ts';
import type { Store } from '../ports/ports.store.ts';
import { checkRulebook } from './governance.rulebooks.ts';
import { evaluateBatch } from './governance.whatif.ts';

/** A what-if worker: its own connection, the same versions, batches of subject ids in, partial counts out. */
const data = workerData as {
  factory: StoreFactory;
  current: string[];
  draft: string;
  when: number;
  fromProjection: boolean;
};
// the adapter is the composition root's choice: this worker only imports the module it was given
const { openStore } = (await import(data.factory.module)) as {
  openStore: (l: StoreFactory['location']) => Promise<Store>;
};
const store = await openStore(data.factory.location);
const current = new RulebookSet(data.current.map((t) => checkRulebook(t).value!));
const draft = checkRulebook(data.draft).value!;
const proposed = new RulebookSet([...current.versions.filter((v) => v.hash !== draft.hash), draft]);

parentPort!.on('message', (ids: number[]) => {
  void (async () => {
    const part = await store.transaction((tx) =>
      evaluateBatch(tx, current, proposed, data.when, ids, data.fromProjection),
    );
    parentPort!.postMessage(part);
  })();
});
