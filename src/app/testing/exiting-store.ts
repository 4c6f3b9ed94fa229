/**
 * A store opener for what-if workers that stops the worker's thread with exit code 3 as it opens, the way a thread
 * out of memory or calling process.exit would: no message, no error event, only the exit.
 */
export async function openStore(): Promise<never> {
  process.exit(3);
}
