import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CredenceError } from '../domain/errors.ts';

/** Where a registry is, and optionally where its identity key file is (`--key-file`). */
export interface KeyLocation {
  readonly db?: string;
  readonly databaseUrl?: string;
  readonly keyFile?: string;
}

/** The per-user configuration folder: $XDG_CONFIG_HOME/credence, else ~/.config/credence. */
export function configDir(): string {
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'credence');
}

/**
 * The default key file of a PostgreSQL registry, named for the database and not for the working directory:
 * `~/.config/credence/<host>-<port>-<database>.key`.
 */
export function postgresKeyPath(databaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new CredenceError('usage.invalid_database_url', `--database-url ${databaseUrl}: not a URL`);
  }
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
  const host = safe(decodeURIComponent(url.hostname || 'localhost').replace(/^\[|\]$/g, ''));
  const db = safe(decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres');
  return join(configDir(), `${host}-${url.port || '5432'}-${db}.key`);
}

/** Where the key of a registry was kept before per-database locations: ./data, relative to the working directory. */
const LEGACY_POSTGRES_KEY = 'data/credence-postgres.key';

/**
 * The identity key file of a registry, the same from any directory: `--key-file`, else CREDENCE_KEY_FILE, else
 * `PATH.key` beside a SQLite file, else the per-database file of a PostgreSQL registry (a key left by an older
 * version in ./data is still read when the per-database file does not exist).
 */
export function identityKeyPath(opts: KeyLocation): string {
  if (opts.keyFile) return resolve(opts.keyFile);
  if (process.env.CREDENCE_KEY_FILE) return resolve(process.env.CREDENCE_KEY_FILE);
  if (opts.db) return `${resolve(opts.db)}.key`;
  const path = postgresKeyPath(opts.databaseUrl ?? '');
  if (!existsSync(path) && existsSync(LEGACY_POSTGRES_KEY)) return resolve(LEGACY_POSTGRES_KEY);
  return path;
}

/**
 * The identity key: `--key-file`, CREDENCE_ID_KEY (the key itself), or the registry's key file, created at init
 * (mode 0600). It never enters the database; losing it means persons can no longer be looked up by their number.
 */
export function loadIdentityKey(opts: KeyLocation, create: boolean): Buffer {
  if (!opts.keyFile && process.env.CREDENCE_ID_KEY) return Buffer.from(process.env.CREDENCE_ID_KEY, 'utf8');
  const path = identityKeyPath(opts);
  if (existsSync(path)) return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  if (!create)
    throw new CredenceError(
      'registry.no_key',
      `identity key not found at ${path} and CREDENCE_ID_KEY is not set (was the registry created with credence init? give the key with --key-file or CREDENCE_ID_KEY)`,
    );
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return key;
}
