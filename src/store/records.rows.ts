import type { LedgerRow, RecordRow, SubjectRow } from '../app/ports/ports.store.ts';

/** The columns of `records` in the order a read as arrays returns them (compiled.ts, ROWS_AS_ARRAYS). */
export const RECORD_COLUMNS = [
  'subject_id',
  'seq',
  'source',
  'record_id',
  'type',
  'occurred_at',
  'recorded_at',
  'legal_basis',
  'evidence',
  'amount',
  'on_behalf_of',
  'culpability',
  'note',
  'content_hash',
] as const satisfies readonly (keyof RecordRow)[];

/** A records row read as an array, in RECORD_COLUMNS' order. */
export function recordFromArray(a: readonly unknown[]): RecordRow {
  return {
    subject_id: a[0] as number,
    seq: a[1] as number,
    source: a[2] as string,
    record_id: a[3] as string,
    type: a[4] as string,
    occurred_at: a[5] as number,
    recorded_at: a[6] as number,
    legal_basis: a[7] as string,
    evidence: a[8] as string,
    amount: a[9] as number | null,
    on_behalf_of: a[10] as number | null,
    culpability: a[11] as string | null,
    note: a[12] as string | null,
    content_hash: a[13] as string,
  };
}

/** The columns a derivation reads of `records` (LedgerRow), in the order a read as arrays returns them. */
export const LEDGER_COLUMNS = [
  'subject_id',
  'seq',
  'source',
  'record_id',
  'type',
  'occurred_at',
  'recorded_at',
  'legal_basis',
  'amount',
  'on_behalf_of',
  'culpability',
  'content_hash',
] as const satisfies readonly (keyof LedgerRow)[];

/** A records row read as an array of LEDGER_COLUMNS, in their order. */
export function ledgerRowFromArray(a: readonly unknown[]): LedgerRow {
  return {
    subject_id: a[0] as number,
    seq: a[1] as number,
    source: a[2] as string,
    record_id: a[3] as string,
    type: a[4] as string,
    occurred_at: a[5] as number,
    recorded_at: a[6] as number,
    legal_basis: a[7] as string,
    amount: a[8] as number | null,
    on_behalf_of: a[9] as number | null,
    culpability: a[10] as string | null,
    content_hash: a[11] as string,
  };
}

/** The columns of `subjects` in the order a read as arrays returns them. */
export const SUBJECT_COLUMNS = [
  'id',
  'kind',
  'usci',
  'id_hash',
  'name',
  'parent_id',
  'created_at',
] as const satisfies readonly (keyof SubjectRow)[];

/** A subjects row read as an array, in SUBJECT_COLUMNS' order. */
export function subjectFromArray(a: readonly unknown[]): SubjectRow {
  return {
    id: a[0] as number,
    kind: a[1] as SubjectRow['kind'],
    usci: a[2] as string | null,
    id_hash: a[3] as string | null,
    name: a[4] as string,
    parent_id: a[5] as number | null,
    created_at: a[6] as number,
  };
}
