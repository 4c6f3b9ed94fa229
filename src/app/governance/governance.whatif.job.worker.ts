import { parentPort, workerData } from 'node:worker_threads';
import { CredenceError } from '../../domain/errors.ts';
import type { AppContext, StoreFactory } from '../ports/ports.context.ts';
import type { Store } from '../ports/ports.store.ts';
import { checkRulebook } from './governance.rulebooks.ts';
import type { JobAnswer } from './governance.whatif.job.ts';
import { whatIf } from './governance.whatif.ts';

/** One what-if off the server's event loop: load the draft, evaluate the population, send the report back. */
const data = workerData as { factory: StoreFactory; text: string; at?: number; now: number };
const { openStore } = (await import(data.factory.module)) as {
  openStore: (l: StoreFactory['location']) => Promise<Store>;
};

async function run(): Promise<JobAnswer> {
  const r = checkRulebook(data.text);
  if (!r.value) return { issues: r.issues };
  const store = await openStore(data.factory.location);
  try {
    const ctx: AppContext = {
      store,
      clock: { now: () => data.now },
      hashNationalId: () => {
        throw new Error('a what-if never reads national ids');
      },
      actor: 'whatif',
      storeFactory: data.factory,
    };
    return { report: await whatIf(ctx, r.value, data.at === undefined ? {} : { at: data.at }) };
  } finally {
    await store.close();
  }
}

run().then(
  (a) => parentPort!.postMessage(a),
  (e: unknown) =>
    parentPort!.postMessage({
      error:
        e instanceof CredenceError
          ? { code: e.code, message: e.message }
          : { code: 'internal.error', message: e instanceof Error ? e.message : String(e) },
    } satisfies JobAnswer),
);
