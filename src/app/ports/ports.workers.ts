/**
 * The module a worker thread runs, named by its file's stem beside `base` (the caller's `import.meta.url`): the
 * compiled `.js` when the code runs built, the `.ts` from source (tests, tsx), or `entry` when given; and the script
 * that starts the thread: the module itself, or from source a small loader that registers TypeScript first
 * (ts-worker.mjs, which imports `workerData.entry`).
 */
export function workerScript(
  base: string,
  stem: string,
  entry?: URL,
): { readonly script: URL; readonly entry: URL } {
  const module = entry ?? new URL(`./${stem}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
  const script = module.pathname.endsWith('.ts') ? new URL('./ts-worker.mjs', import.meta.url) : module;
  return { script, entry: module };
}
