import { createHmac } from 'node:crypto';
import type { Clock } from '../../domain/clock.ts';
import type { Store } from './ports.store.ts';

/** What every use case is given: the store, the clock, the identity key, and who is acting. */
export interface AppContext {
  readonly store: Store;
  readonly clock: Clock;
  /** HMAC-SHA-256 of a national identity number under the registry's key (never stored in the database). */
  readonly hashNationalId: (id: string) => string;
  readonly actor: string;
  /** How worker threads open their own connection to the same registry (given by the composition root). */
  readonly storeFactory?: StoreFactory;
  /** The registry's Ed25519 signing key (never in the database): signs audit checkpoints. */
  readonly signer?: Signer;
}

/** Signs with the registry's private key; the public key is SPKI DER in base64, signatures base64. */
export interface Signer {
  readonly publicKey: string;
  sign(message: string): string;
}

/** Where a registry is: a SQLite file or a PostgreSQL URL. */
export interface StoreLocation {
  readonly db?: string;
  readonly databaseUrl?: string;
  /**
   * SQLite: read the file through a memory map (the default; look-ups of a large registry skip a copy and a system
   * call per page). `false` for a process whose resident memory must stay its heap, as a bounded import's does:
   * mapped pages count in it.
   */
  readonly mapped?: boolean;
  /**
   * SQLite: how many pages the write-ahead log may hold before a COMMIT copies them into the file (SQLite's
   * `wal_autocheckpoint`; 1,000 when not set). An import sets IMPORT_CHECKPOINT_PAGES: its batches rewrite the same
   * index pages commit after commit, and a checkpoint after every commit copied each of them again.
   */
  readonly checkpointPages?: number;
}

/**
 * The WAL pages an import lets accumulate before a checkpoint (about 40 MB): an import's COMMITs took a third less
 * time in all (2.2 s against 3.2 s for 200,000 records), and the checkpoints that remain take about 0.1 s each,
 * which a bulk write can afford and a server answering requests would feel in its slowest answers (so it keeps
 * SQLite's 1,000).
 */
export const IMPORT_CHECKPOINT_PAGES = 10_000;

/**
 * How `credence import` opens a SQLite registry: unmapped, its resident memory staying its heap and SQLite's page
 * cache (StoreLocation.mapped), and checkpointing every IMPORT_CHECKPOINT_PAGES pages of WAL.
 */
export const IMPORT_LOCATION = { mapped: false, checkpointPages: IMPORT_CHECKPOINT_PAGES } as const;

/**
 * How a worker thread opens the registry: the URL of a module exporting `openStore(location)`, chosen by the
 * composition root (the only place that picks an adapter), and the location to open.
 */
export interface StoreFactory {
  readonly module: string;
  readonly location: StoreLocation;
}

export function makeIdHasher(key: Buffer | string): (id: string) => string {
  return (id) => createHmac('sha256', key).update(id.toUpperCase()).digest('hex');
}

export { sha256 } from './ports.sha256.ts';

/** JSON with sorted keys: the same content always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

export function personRef(id: number): string {
  return `P${String(id).padStart(7, '0')}`;
}
