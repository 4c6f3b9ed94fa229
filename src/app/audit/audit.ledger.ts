import { sha256 } from '../ports/ports.sha256.ts';

/**
 * The ledger tables the audit chain commits to, by content hash. Adding a table is one line: its name, what a
 * row is called in findings, its primary key (the order verification scans it in), the columns that name a row,
 * the columns whose content is committed, and the column saying when a row was written.
 *
 * Derived state (`derived`), the delivery queue (`outbox`), webhook subscribers and the chain's own head are not
 * ledger rows: derived state is verified by recomputation instead (audit.derived.ts).
 */
export interface LedgerTable {
  readonly table: string;
  readonly noun: string;
  readonly pk: readonly string[];
  readonly key: readonly string[];
  readonly columns: readonly string[];
  readonly time?: string;
  /** Rows of the table that are not ledger rows. */
  readonly skip?: (row: Readonly<Record<string, unknown>>) => boolean;
}

const t = (
  table: string,
  noun: string,
  pk: readonly string[],
  key: readonly string[],
  columns: string,
  time?: string,
  skip?: LedgerTable['skip'],
): LedgerTable => ({
  table,
  noun,
  pk,
  key,
  columns: columns.split(' '),
  ...(time ? { time } : {}),
  ...(skip ? { skip } : {}),
});

/** Meta rows that change with every entry or mark the chain's own state: not ledger content. */
const CHAIN_META = new Set(['audit_head', 'audit_ledger']);

// biome-ignore format: one line a table
export const LEDGER: readonly LedgerTable[] = [
  t('records', 'record', ['subject_id', 'seq'], ['source', 'record_id'], 'subject_id seq source record_id type occurred_at recorded_at legal_basis evidence amount on_behalf_of culpability note content_hash', 'recorded_at'),
  t('record_events', 'record status entry', ['subject_id', 'seq'], ['subject_id', 'seq'], 'subject_id seq source record_id kind at actor reason data', 'at'),
  t('registry_facts', 'registry fact', ['subject_id', 'seq'], ['subject_id', 'seq'], 'subject_id seq fact value related_id effective_at recorded_at actor source', 'recorded_at'),
  t('subjects', 'subject', ['id'], ['id'], 'id kind usci id_hash name parent_id created_at', 'created_at'),
  t('relations', 'relation', ['org_id', 'role', 'person_id'], ['org_id', 'role'], 'org_id role person_id'),
  t('sources', 'source', ['id'], ['id'], 'id name domains created_at', 'created_at'),
  t('rulebooks', 'rulebook', ['hash'], ['hash'], 'hash name version effective_from source activated_at activated_by status comment_until diff', 'activated_at'),
  t('decisions', 'decision', ['subject_id', 'id'], ['subject_id', 'id'], 'subject_id id list event effective_at recorded_at data', 'recorded_at'),
  t('checks', 'check', ['subject_id', 'seq'], ['subject_id', 'seq'], 'subject_id seq measure asked_by asked_at at applies until decisions inputs', 'asked_at'),
  t('tokens', 'token', ['id'], ['id'], 'id role source subject_id hash created_at expires_at revoked_at label', 'created_at'),
  t('cases', 'case', ['subject_id', 'id'], ['subject_id', 'id'], 'subject_id id kind source record_id opened_at deadline status submission decided_at decided_by reasons', 'opened_at'),
  t('notices', 'notice', ['subject_id', 'id'], ['subject_id', 'id'], 'subject_id id recipient kind created_at body', 'created_at'),
  t('meta', 'registry setting', ['key'], ['key'], 'key value', undefined, (r) => CHAIN_META.has(String(r.key))),
];

export const LEDGER_TABLES: ReadonlyMap<string, LedgerTable> = new Map(LEDGER.map((l) => [l.table, l]));

/**
 * What the chain holds for one ledger row: [table, key values, content hash, column fingerprint]. A removed row
 * (a purge) is [table, key values, null, the hash it had].
 */
export type Commitment = readonly [
  table: string,
  key: readonly (string | number | null)[],
  hash: string | null,
  extra: string,
];

/** Database values as one representation on both engines: numbers for int8 and float, null for absent. */
function norm(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  return JSON.stringify(v);
}

/** One byte of FNV-1a: enough to point at the column that differs (the content hash is what proves it). */
function fnv8(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 8) ^ (h >>> 16) ^ (h >>> 24)) & 0xff;
}
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export interface RowDigest {
  readonly key: (string | number | null)[];
  readonly hash: string;
  readonly fingerprint: string;
}

/**
 * The content hash of a row: SHA-256 over the table name, a newline and the JSON array of its committed columns in
 * order; and its fingerprint, one FNV-1a byte a column. Every ledger row written is digested: one pass over the
 * columns, one hash of one text.
 */
export function digestRow(spec: LedgerTable, row: Readonly<Record<string, unknown>>): RowDigest {
  const columns = spec.columns;
  const values: (string | number | null)[] = new Array(columns.length);
  let fingerprint = '';
  for (let i = 0; i < columns.length; i++) {
    const v = norm(row[columns[i]!]);
    values[i] = v;
    // a string and a number that print alike differ in the content hash; the fingerprint only points at columns
    fingerprint += HEX_BYTE[fnv8(v === null ? '\u0000' : typeof v === 'string' ? v : String(v))];
  }
  const key: (string | number | null)[] = new Array(spec.key.length);
  for (let i = 0; i < key.length; i++) key[i] = norm(row[spec.key[i]!]);
  return { key, hash: sha256(`${spec.table}\n${JSON.stringify(values)}`), fingerprint };
}

/** The columns whose fingerprints differ: which part of a row was edited (indicative; the hash is the proof). */
export function differingColumns(spec: LedgerTable, committed: string, now: string): string[] {
  return spec.columns.filter((_, i) => committed.slice(2 * i, 2 * i + 2) !== now.slice(2 * i, 2 * i + 2));
}

export const keyText = (key: readonly unknown[]): string => key.map(String).join('/');

/**
 * The ledger rows a transaction has written, waiting for the audit entry that commits them: the store notes
 * every write here (src/store/*), `audit()` takes them into its entry, and a transaction that wrote ledger rows
 * without an audit entry of its own gets a `ledger.write` entry at its end.
 */
export class LedgerJournal {
  private pending: Commitment[] = [];
  private latest = 0;

  get size(): number {
    return this.pending.length;
  }
  /** Rows written (inserted or updated) as they now stand. */
  wrote(table: string, rows: readonly object[]): void {
    const spec = LEDGER_TABLES.get(table);
    if (!spec) return;
    for (const r of rows as readonly Readonly<Record<string, unknown>>[]) {
      if (spec.skip?.(r)) continue;
      const d = digestRow(spec, r);
      this.pending.push([table, d.key, d.hash, d.fingerprint]);
      if (spec.time) this.latest = Math.max(this.latest, Number(r[spec.time]) || 0);
    }
  }
  /** Rows removed (a purge), as they were: the entry names the hash each had. */
  removed(table: string, rows: readonly object[]): void {
    const spec = LEDGER_TABLES.get(table);
    if (!spec) return;
    for (const r of rows as readonly Readonly<Record<string, unknown>>[]) {
      const d = digestRow(spec, r);
      this.pending.push([table, d.key, null, d.hash]);
    }
  }
  /**
   * Takes over commitments taken from another journal, after any noted here: a grouped call's transaction starts
   * with the rows of the calls before it that no entry has committed yet (store/group-commit.ts).
   */
  carry(from: { readonly rows: Commitment[]; readonly latest: number }): void {
    // taken over, not copied, when nothing is noted here yet: a group's calls pass one list along, each appending
    // to it (a call that fails is cut off it again by the group, store/group-commit.ts)
    if (this.pending.length === 0) this.pending = from.rows;
    else for (const r of from.rows) this.pending.push(r);
    this.latest = Math.max(this.latest, from.latest);
  }
  /** The commitments noted since the last call, and the latest write time among them. */
  take(): { rows: Commitment[]; latest: number } {
    const out = { rows: this.pending, latest: this.latest };
    this.pending = [];
    this.latest = 0;
    return out;
  }
}
