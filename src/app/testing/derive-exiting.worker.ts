import { parentPort } from 'node:worker_threads';

/** A derivation worker that stops its thread with exit code 3 on the first files it is sent, without a word. */
parentPort!.on('message', () => {
  process.exit(3);
});
