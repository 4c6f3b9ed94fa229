import { type AppContext, canonicalJson, sha256 } from '../ports/ports.context.ts';
import type { AuditRow, Tx } from '../ports/ports.store.ts';

export const GENESIS = '0'.repeat(64);

/** An entry's hash covers its content, the ledger rows it commits (when any) and the previous entry's hash. */
export function entryHash(row: Omit<AuditRow, 'hash'>): string {
  return sha256(
    canonicalJson({
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      action: row.action,
      subject_id: row.subject_id,
      detail: row.detail,
      prev_hash: row.prev_hash,
      // entries written before the chain committed ledger rows have none, and keep their hashes
      rows: row.rows ?? undefined,
    }),
  );
}

/**
 * Appends one entry to the hash chain, inside the caller's transaction. It commits every ledger row the
 * transaction has written since the previous entry (their content hashes, noted by the store).
 */
export async function appendEntry(
  tx: Tx,
  entry: Pick<AuditRow, 'actor' | 'action' | 'subject_id' | 'detail'> & { at?: number },
): Promise<AuditRow> {
  await tx.lockAudit();
  const last = await tx.lastAudit();
  const { rows, latest } = tx.ledger.take();
  const base = {
    seq: Number(last?.seq ?? 0) + 1,
    ...entry,
    at: entry.at ?? Math.max(latest, Number(last?.at ?? 0)),
    prev_hash: last?.hash ?? GENESIS,
    rows: rows.length > 0 ? JSON.stringify(rows) : null,
  };
  const row: AuditRow = { ...base, hash: entryHash(base) };
  await tx.insertAudit(row);
  // the head is pinned beside the chain so that removing the newest entries is detected too
  await tx.setMeta('audit_head', `${row.seq}:${row.hash}`);
  return row;
}

/** Appends one entry to the hash chain, inside the caller's transaction. */
export async function audit(
  tx: Tx,
  ctx: Pick<AppContext, 'clock' | 'actor'>,
  action: string,
  subjectId: number | null,
  detail: unknown,
): Promise<AuditRow> {
  return appendEntry(tx, {
    at: ctx.clock.now(),
    actor: ctx.actor,
    action,
    subject_id: subjectId,
    detail: canonicalJson(detail),
  });
}

/**
 * Commits the ledger rows a transaction wrote without an audit entry of its own (derivations' decisions and
 * notices, checks): one `ledger.write` entry, stamped with the latest write time among them. The store calls it
 * as the transaction ends, so no ledger write escapes the chain.
 */
export async function sealLedger(tx: Tx): Promise<void> {
  const n = tx.ledger.size;
  if (n === 0) return;
  await appendEntry(tx, {
    actor: 'registry',
    action: 'ledger.write',
    subject_id: null,
    detail: `{"rows":${n}}`,
  });
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly entries: number;
  readonly head: string;
  readonly broken?: { readonly seq: number; readonly problem: string };
}

/**
 * Walks the whole chain: every entry's hash, every link, no gap in the sequence, and the pinned head. Reports the
 * first break; `onEntry` still sees every entry after it (ledger verification reads their commitments).
 */
export async function verifyAudit(tx: Tx, onEntry?: (row: AuditRow) => void): Promise<VerifyResult> {
  let prev = GENESIS;
  let expectSeq = 1;
  let n = 0;
  let broken: VerifyResult['broken'];
  let after = 0;
  for (;;) {
    const rows = await tx.auditRange(after, 2000);
    if (rows.length === 0) break;
    for (const raw of rows) {
      const row = {
        ...raw,
        seq: Number(raw.seq),
        at: Number(raw.at),
        subject_id: raw.subject_id === null ? null : Number(raw.subject_id),
      };
      after = row.seq;
      onEntry?.(row);
      if (broken) continue;
      if (row.seq !== expectSeq)
        broken = { seq: expectSeq, problem: `entry ${expectSeq} is missing (next is ${row.seq})` };
      else if (row.prev_hash !== prev)
        broken = {
          seq: row.seq,
          problem: `entry ${row.seq} does not link to entry ${row.seq - 1} (reordered or previous entry edited)`,
        };
      else if (entryHash(row) !== row.hash)
        broken = {
          seq: row.seq,
          problem: `entry ${row.seq} was edited: its content does not match its hash`,
        };
      else {
        prev = row.hash;
        expectSeq++;
        n++;
      }
    }
  }
  if (broken) return { ok: false, entries: n, head: prev, broken };
  const pinned = await tx.getMeta('audit_head');
  if (pinned && pinned !== `${expectSeq - 1}:${prev}`) {
    const [seq] = pinned.split(':');
    return {
      ok: false,
      entries: n,
      head: prev,
      broken: {
        seq: Number(seq),
        problem: `the chain ends at entry ${expectSeq - 1} but its pinned head is entry ${seq}: entries were removed`,
      },
    };
  }
  return { ok: true, entries: n, head: prev };
}
