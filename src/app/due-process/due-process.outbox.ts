import { createHmac } from 'node:crypto';
import type { AppContext } from '../ports/ports.context.ts';
import type { DueProcessTx, OutboxRow } from '../ports/ports.due-process.ts';

/** After this many failed attempts a delivery is dead-lettered and shown to admins. */
export const MAX_ATTEMPTS = 10;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 6 * 3600_000;

export type Post = (
  url: string,
  body: string,
  headers: Record<string, string>,
) => Promise<{ status: number }>;

export const fetchPost: Post = async (url, body, headers) => {
  const r = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(10_000) });
  return { status: r.status };
};

/** `t=<unix seconds>,v1=<hex HMAC-SHA-256 of "<t>.<body>">` — the receiver recomputes it with the shared secret. */
export function signature(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

export function backoff(attempts: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

/**
 * Delivers the notices that are due, each with its idempotency id. State lives in the database, so a restart
 * resumes where it stopped; a crash between sending and recording resends with the same idempotency id.
 */
export async function deliverDue(
  ctx: AppContext,
  post: Post = fetchPost,
  limit = 100,
): Promise<{ delivered: number; failed: number; dead: number }> {
  const store = ctx.store as unknown as DueProcessTx;
  const now = ctx.clock.now();
  const due = await store.dueOutbox(now, limit);
  const subs = new Map((await store.subscribers()).map((s) => [s.id, s]));
  let delivered = 0;
  let failed = 0;
  let dead = 0;
  for (const o of due) {
    const sub = subs.get(o.subscriber);
    const notice = await store.noticeById(Number(o.subject_id), o.notice_id);
    if (!sub || !notice) {
      await store.updateOutbox(o.id, {
        status: 'dead',
        last_error: sub ? 'notice no longer exists (purged)' : 'subscriber removed',
      });
      dead++;
      continue;
    }
    const body = JSON.stringify({
      id: notice.id,
      delivery: o.id,
      recipient: notice.recipient,
      kind: notice.kind,
      created_at: new Date(Number(notice.created_at)).toISOString(),
      subject_id: Number(notice.subject_id),
      ...JSON.parse(notice.body),
    });
    const headers = {
      'content-type': 'application/json',
      'idempotency-key': o.id,
      'x-credence-signature': signature(sub.secret, body, Math.floor(now / 1000)),
    };
    let error: string | null = null;
    try {
      const r = await post(sub.url, body, headers);
      if (r.status < 200 || r.status >= 300) error = `HTTP ${r.status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (error === null) {
      await store.updateOutbox(o.id, {
        status: 'delivered',
        delivered_at: now,
        attempts: o.attempts + 1,
        last_error: null,
      });
      delivered++;
    } else {
      const attempts = o.attempts + 1;
      const status: OutboxRow['status'] = attempts >= MAX_ATTEMPTS ? 'dead' : 'pending';
      await store.updateOutbox(o.id, {
        status,
        attempts,
        next_attempt_at: now + backoff(attempts),
        last_error: error,
      });
      if (status === 'dead') dead++;
      else failed++;
    }
  }
  return { delivered, failed, dead };
}
