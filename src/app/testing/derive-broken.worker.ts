import { parentPort } from 'node:worker_threads';

/** A derivation worker that breaks as a faulty one would: its message handler throws on the first files it is sent. */
parentPort!.on('message', () => {
  throw new Error('the derivation worker broke');
});
