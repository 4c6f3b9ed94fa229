import { type AppContext, canonicalJson, sha256 } from '../ports/ports.context.ts';
import type { AuditRow, Tx } from '../ports/ports.store.ts';

export const GENESIS = '0'.repeat(64);

function entryHash(row: Omit<AuditRow, 'hash'>): string {
  return sha256(
    canonicalJson({
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      action: row.action,
      subject_id: row.subject_id,
      detail: row.detail,
      prev_hash: row.prev_hash,
    }),
  );
}

/** Appends one entry to the hash chain, inside the caller's transaction. */
export async function audit(
  tx: Tx,
  ctx: Pick<AppContext, 'clock' | 'actor'>,
  action: string,
  subjectId: number | null,
  detail: unknown,
): Promise<AuditRow> {
  await tx.lockAudit();
  const last = await tx.lastAudit();
  const base = {
    seq: Number(last?.seq ?? 0) + 1,
    at: ctx.clock.now(),
    actor: ctx.actor,
    action,
    subject_id: subjectId,
    detail: canonicalJson(detail),
    prev_hash: last?.hash ?? GENESIS,
  };
  const row: AuditRow = { ...base, hash: entryHash(base) };
  await tx.insertAudit(row);
  // the head is pinned beside the chain so that removing the newest entries is detected too
  await tx.setMeta('audit_head', `${row.seq}:${row.hash}`);
  return row;
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly entries: number;
  readonly head: string;
  readonly broken?: { readonly seq: number; readonly problem: string };
}

/** Walks the whole chain: every entry's hash, every link, no gap in the sequence. */
export async function verifyAudit(tx: Tx): Promise<VerifyResult> {
  let prev = GENESIS;
  let expectSeq = 1;
  let n = 0;
  for (;;) {
    const rows = await tx.auditRange(expectSeq - 1, 5000);
    if (rows.length === 0) break;
    for (const raw of rows) {
      const row = {
        ...raw,
        seq: Number(raw.seq),
        at: Number(raw.at),
        subject_id: raw.subject_id === null ? null : Number(raw.subject_id),
      };
      if (row.seq !== expectSeq)
        return {
          ok: false,
          entries: n,
          head: prev,
          broken: { seq: expectSeq, problem: `entry ${expectSeq} is missing (next is ${row.seq})` },
        };
      if (row.prev_hash !== prev)
        return {
          ok: false,
          entries: n,
          head: prev,
          broken: {
            seq: row.seq,
            problem: `entry ${row.seq} does not link to entry ${row.seq - 1} (reordered or previous entry edited)`,
          },
        };
      if (entryHash(row) !== row.hash)
        return {
          ok: false,
          entries: n,
          head: prev,
          broken: {
            seq: row.seq,
            problem: `entry ${row.seq} was edited: its content does not match its hash`,
          },
        };
      prev = row.hash;
      expectSeq++;
      n++;
    }
  }
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
