import { type Command, Option, type OptionValues } from '@commander-js/extra-typings';
import { CredenceError } from '../domain/errors.ts';
import { parseInstant } from '../domain/time.ts';

// biome-ignore lint/suspicious/noExplicitAny: commander's own generic bounds
export function dbOptions<A extends any[], O extends OptionValues, G extends OptionValues>(
  cmd: Command<A, O, G>,
) {
  return cmd
    .addOption(new Option('--db <path>', 'SQLite registry file'))
    .addOption(new Option('--database-url <url>', 'PostgreSQL registry (or DATABASE_URL)'))
    .addOption(
      new Option(
        '--key-file <path>',
        'identity key file (default: CREDENCE_ID_KEY, or PATH.key beside a SQLite file, or ~/.config/credence/HOST-PORT-DB.key for PostgreSQL)',
      ),
    );
}

export function parseAt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = parseInstant(text);
  if (t === undefined)
    throw new CredenceError(
      'input.invalid_date',
      `--at ${text}: expected a date such as 2027-03-01 or an ISO 8601 date-time with a zone`,
    );
  return t;
}

/** `--workers`: `auto`, or a whole number of worker threads (0: derive in the command's own thread). */
export function parseWorkers(text: string): number | 'auto' {
  if (text === 'auto') return 'auto';
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0)
    throw new CredenceError(
      'usage.invalid_number',
      `--workers ${text}: expected auto or a whole number, 0 or more`,
    );
  return n;
}
