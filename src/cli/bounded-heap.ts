import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { getHeapStatistics } from 'node:v8';

/** The heap an import runs in by default: batches are bounded by lines and bytes, so any file fits. */
export const IMPORT_HEAP_MB = 96;
const MARKER = 'CREDENCE_BOUNDED_HEAP';

/**
 * Runs this very command again in a Node.js process whose heap is bounded (`--max-old-space-size`, small young
 * generation), unless it already runs in one or `mb` is 0, and answers its exit code; null when the current process
 * should do the work itself. Signals reach the child; output is the child's, unchanged.
 */
export async function relaunchBounded(mb: number): Promise<number | null> {
  if (mb <= 0 || process.env[MARKER] === '1') return null;
  const limitMb = getHeapStatistics().heap_size_limit / 2 ** 20;
  if (limitMb <= mb * 1.5) return null;
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      `--max-old-space-size=${mb}`,
      '--max-semi-space-size=8',
      process.argv[1]!,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...process.env, [MARKER]: '1' } },
  );
  const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) =>
        resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 1)),
      );
    });
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}
