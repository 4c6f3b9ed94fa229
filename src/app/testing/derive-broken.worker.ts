import { parentPort } from 'node:worker_threads';

/**
 * A derivation worker that breaks as a faulty one would, on the first files it is sent: `?exit` stops its thread
 * with exit code 3, otherwise its message handler throws.
 */
parentPort!.on('message', () => {
  if (import.meta.url.endsWith('?exit')) process.exit(3);
  throw new Error('the derivation worker broke');
});
