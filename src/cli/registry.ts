import { existsSync } from 'node:fs';
import { prepareAudit } from '../app/audit/audit.adopt.ts';
import { type AppContext, makeIdHasher, type Signer } from '../app/ports/ports.context.ts';
import { loadSigningKey } from '../app/reports/reports.signing-key.ts';
import type { Clock } from '../domain/clock.ts';
import { CredenceError } from '../domain/errors.ts';
import { parseInstant } from '../domain/time.ts';
import { openStore, storeFactory } from '../store/store.open.ts';
import { loadIdentityKey } from './identity-key.ts';

export interface RegistryOptions {
  readonly db?: string;
  readonly databaseUrl?: string;
  /** The identity key file (`--key-file`); by default found from the registry's location (identity-key.ts). */
  readonly keyFile?: string;
  /** SQLite: read through a memory map (StoreLocation.mapped); a bounded import opens without. */
  readonly mapped?: boolean;
  /** SQLite: the WAL pages between checkpoints (StoreLocation.checkpointPages); an import lets more accumulate. */
  readonly checkpointPages?: number;
}

/** The system clock, unless CREDENCE_NOW pins it (used for demos and reproducible scenarios). */
export function systemClock(): Clock {
  const pinned = process.env.CREDENCE_NOW;
  if (pinned) {
    const t = parseInstant(pinned);
    if (t === undefined)
      throw new CredenceError('input.invalid_date', `CREDENCE_NOW="${pinned}" is not a date`);
    return { now: () => t };
  }
  return { now: () => Date.now() };
}

/**
 * The registry's Ed25519 signing key, shared with signed reports (app/reports/reports.signing-key.ts): created at
 * init, and on the first open of a registry that has recorded none; undefined where it is not kept.
 */
function signingKeyOf(opts: RegistryOptions, create: boolean): Signer | undefined {
  try {
    return loadSigningKey(opts, create);
  } catch (e) {
    if (e instanceof CredenceError && e.code === 'registry.no_signing_key') return undefined;
    throw e;
  }
}

export function resolveOptions(opts: {
  db?: string;
  databaseUrl?: string;
  keyFile?: string;
}): RegistryOptions {
  const databaseUrl = opts.databaseUrl ?? (opts.db ? undefined : process.env.DATABASE_URL);
  if (!opts.db && !databaseUrl)
    throw new CredenceError(
      'usage.no_database',
      'say which registry: --db PATH (SQLite) or --database-url URL (PostgreSQL, or DATABASE_URL)',
    );
  const keyFile = opts.keyFile ? { keyFile: opts.keyFile } : {};
  return databaseUrl ? { databaseUrl, ...keyFile } : { db: opts.db!, ...keyFile };
}

/** The composition root for commands: store, clock and key. */
export async function openRegistry(opts: RegistryOptions, init = false, actor = 'cli'): Promise<AppContext> {
  if (!init && opts.db && !existsSync(opts.db))
    throw new CredenceError(
      'registry.not_found',
      `no registry at ${opts.db} (create it with credence init --db ${opts.db})`,
    );
  const store = await openStore(opts);
  const key = loadIdentityKey(opts, init);
  const clock = systemClock();
  // a registry that has never recorded a signing key gets one now (init, or the first open after the upgrade)
  const signer = signingKeyOf(opts, init || (await store.getMeta('audit_public_key')) === undefined);
  await prepareAudit(store, clock, signer);
  return {
    store,
    clock,
    hashNationalId: makeIdHasher(key),
    actor,
    storeFactory: storeFactory(opts),
    ...(signer ? { signer } : {}),
  };
}
