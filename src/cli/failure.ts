import { CommanderError } from '@commander-js/extra-typings';
import { CredenceError, formatIssue } from '../domain/errors.ts';

/** Exit codes (DESIGN §9): 0 success, 1 invalid input or an operational failure, 2 usage error; 70 a bug. */
export const EXIT = { ok: 0, invalid: 1, usage: 2, software: 70 } as const;

export interface Failure {
  /** What to print on stderr: one line for anything but a bug (and a CredenceError's issues). */
  readonly lines: readonly string[];
  readonly exit: number;
}

interface SystemError extends Error {
  code?: string;
  syscall?: string;
  path?: string;
  address?: string;
  port?: number;
  errors?: unknown[];
  severity?: string;
}

const where = (e: SystemError) =>
  e.address === undefined ? '' : ` at ${e.address}${e.port === undefined ? '' : `:${e.port}`}`;

/** A failure of the machine or the network around the command, said in one line; undefined for anything else. */
function operational(e: SystemError): string | undefined {
  // Node tries every address of a host name (IPv6 and IPv4): the first refusal says it
  const inner =
    e instanceof AggregateError && e.errors?.[0] instanceof Error ? (e.errors[0] as SystemError) : e;
  const code = e.code ?? inner.code;
  switch (code) {
    case 'ENOENT':
      return inner.path ? `no such file: ${inner.path}` : `not found: ${e.message}`;
    case 'EACCES':
    case 'EPERM':
      return inner.syscall === 'listen'
        ? `not allowed to listen${where(inner)} (ports under 1024 need privileges; choose another with --port)`
        : `permission denied: ${inner.path ?? e.message}`;
    case 'EISDIR':
      return `${inner.path ?? 'the path'} is a directory, not a file`;
    case 'EADDRINUSE':
      return `cannot listen${where(inner)}: the port is already in use (stop the other server or choose another with --port)`;
    case 'EADDRNOTAVAIL':
      return `cannot listen${where(inner)}: no such address on this machine (see --host)`;
    case 'ECONNREFUSED':
      return `cannot reach the database${where(inner)}: connection refused (is the server running? check --database-url)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot reach the database: unknown host ${inner.message.split(' ').at(-1) ?? ''} (check --database-url)`;
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `cannot reach the database${where(inner)}: ${code} (check --database-url and the network)`;
    case '3D000':
      return `${e.message} (create it, or check --database-url)`;
    case '28P01':
    case '28000':
      return `the database refused the login: ${e.message} (check the user and password in --database-url)`;
    case 'SQLITE_CANTOPEN':
      return `cannot open the SQLite file: ${e.message}`;
    case 'SQLITE_NOTADB':
      return `the --db file is not a SQLite registry (${e.message})`;
    case 'SQLITE_BUSY':
      return `the registry is busy (another process holds it); try again: ${e.message}`;
  }
  // any other error the PostgreSQL server reported (a five-character SQLSTATE with a severity)
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && e.severity)
    return `database error: ${e.message} [${code}]`;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) return `database error: ${e.message} [${code}]`;
  return undefined;
}

/** How a command's failure is reported: what to print and the exit code. Never a stack trace, but for a bug. */
export function failureOf(e: unknown): Failure {
  if (e instanceof CommanderError) return { lines: [], exit: e.exitCode === 0 ? EXIT.ok : EXIT.usage };
  if (e instanceof CredenceError)
    return {
      lines: [`credence: ${e.message} [${e.code}]`, ...e.issues.map((i) => `  ${formatIssue(i)}`)],
      exit: e.code.startsWith('usage.') ? EXIT.usage : EXIT.invalid,
    };
  // the error itself, or what caused it (a failed migration wraps the connection's refusal)
  for (let c: unknown = e, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) {
    const line = operational(c as SystemError);
    if (line !== undefined) return { lines: [`credence: ${line}`], exit: EXIT.invalid };
  }
  const debug = process.env.CREDENCE_DEBUG === '1';
  const text = e instanceof Error ? (debug ? (e.stack ?? e.message) : e.message) : String(e);
  return {
    lines: [
      `credence: unexpected error: ${text}`,
      ...(debug ? [] : ['  (set CREDENCE_DEBUG=1 for the stack trace)']),
    ],
    exit: EXIT.software,
  };
}
