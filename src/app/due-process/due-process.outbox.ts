import { createHmac } from 'node:crypto';
import { refOf } from '../derive/derive.files.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { DueProcessTx, OutboxRow, SubscriberRow } from '../ports/ports.due-process.ts';
import { noticeRulebooks, type RulebookOf, renderNotice } from './due-process.notice-render.ts';

/** After this many failed attempts a delivery is dead-lettered and shown to admins. */
export const MAX_ATTEMPTS = 10;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 6 * 3600_000;

export type Post = (
  url: string,
  body: string,
  headers: Record<string, string>,
) => Promise<{ status: number }>;

/** How long one delivery may take before it counts as failed (an unresponsive subscriber). */
export const DELIVERY_TIMEOUT_MS = 5_000;

/** A POST with a timeout; `fetch` gives up on a subscriber that accepts the connection and never answers. */
export function httpPost(timeoutMs = DELIVERY_TIMEOUT_MS): Post {
  return async (url, body, headers) => {
    const r = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(timeoutMs) });
    await r.body?.cancel();
    return { status: r.status };
  };
}

export const fetchPost: Post = httpPost();

/** `t=<unix seconds>,v1=<hex HMAC-SHA-256 of "<t>.<body>">` — the receiver recomputes it with the shared secret. */
export function signature(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

export function backoff(attempts: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export interface DeliveryOptions {
  /** Subscribers served at once (each one's notices in order, one at a time). */
  readonly concurrency?: number;
  /** Consecutive failures after which a subscriber's circuit opens. */
  readonly breakAfter?: number;
}

/** Per subscriber: consecutive failures to answer at all, and until when its circuit is open (nothing is sent). */
interface Breaker {
  failures: number;
  openUntil: number;
}

// one set of breakers per registry (store), kept across rounds for the life of the process
const breakersOf = new WeakMap<object, Map<string, Breaker>>();

export type Counts = { delivered: number; failed: number; dead: number };

/**
 * Delivers the notices that are due, each with its idempotency id: up to `concurrency` subscribers at once, each
 * subscriber's notices in order, so that a slow subscriber delays only itself. After `breakAfter` consecutive
 * attempts without an answer (timeouts, refused connections) a subscriber's circuit opens for the first retry interval: its due notices are not sent but counted
 * as failed attempts and rescheduled by the backoff, as they would have been. State lives in the database, so a
 * restart resumes where it stopped; a crash between sending and recording resends with the same idempotency id.
 */
export async function deliverDue(
  ctx: AppContext,
  post: Post = fetchPost,
  limit = 100,
  opts: DeliveryOptions = {},
): Promise<Counts> {
  const store = ctx.store as unknown as DueProcessTx;
  const due = await store.dueOutbox(ctx.clock.now(), limit);
  const subs = new Map((await store.subscribers()).map((s) => [s.id, s]));
  const lanes = new Map<string, OutboxRow[]>();
  for (const o of due) lanes.set(o.subscriber, [...(lanes.get(o.subscriber) ?? []), o]);
  const counts: Counts = { delivered: 0, failed: 0, dead: 0 };
  const queue = [...lanes.entries()];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const r = await deliverLane(ctx, next[1], subs.get(next[0]), post, opts);
      for (const k of ['delivered', 'failed', 'dead'] as const) counts[k] += r[k];
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
  return counts;
}

/** One subscriber's due deliveries, in order, through its circuit breaker. */
export async function deliverLane(
  ctx: AppContext,
  rows: readonly OutboxRow[],
  sub: SubscriberRow | undefined,
  post: Post = fetchPost,
  opts: DeliveryOptions = {},
): Promise<Counts> {
  const store = ctx.store as unknown as DueProcessTx;
  const breakers = breakersOf.get(ctx.store) ?? new Map<string, Breaker>();
  breakersOf.set(ctx.store, breakers);
  const id = rows[0]?.subscriber ?? '';
  const b = breakers.get(id) ?? { failures: 0, openUntil: 0 };
  breakers.set(id, b);
  const counts: Counts = { delivered: 0, failed: 0, dead: 0 };
  if (rows.length === 0) return counts;
  const rulebookOf = await noticeRulebooks(ctx.store);
  for (const o of rows)
    counts[await deliverOne(ctx, store, o, sub, post, b, opts.breakAfter ?? 3, rulebookOf)]++;
  return counts;
}

async function deliverOne(
  ctx: AppContext,
  store: DueProcessTx,
  o: OutboxRow,
  sub: SubscriberRow | undefined,
  post: Post,
  b: Breaker,
  breakAfter: number,
  rulebookOf: RulebookOf,
): Promise<keyof Counts> {
  const notice = await store.noticeById(Number(o.subject_id), o.notice_id);
  if (!sub || !notice) {
    await store.updateOutbox(o.id, {
      status: 'dead',
      last_error: sub ? 'notice no longer exists (purged)' : 'subscriber removed',
    });
    return 'dead';
  }
  // the body as it was written; one that cannot be rendered is never sent in its place (a subscriber keeps the
  // first body it gets for an id): it is dead-lettered with the reason, for an admin to see
  const rendered = renderNotice(notice, rulebookOf);
  if (!rendered.ok) {
    await store.updateOutbox(o.id, {
      status: 'dead',
      attempts: o.attempts + 1,
      last_error: `notice cannot be rendered (${rendered.code}): ${rendered.message}`,
    });
    return 'dead';
  }
  // the attempt's own instant: retries are due a backoff after this attempt, not after the round began
  const now = ctx.clock.now();
  let error: string | null = null;
  if (now < b.openUntil) {
    error = `not sent: circuit open after ${b.failures} consecutive failures`;
  } else {
    // whose notice it is, as people name subjects (USCI, or P… for a person); the internal number stays for old
    // receivers
    const [whose] = await ctx.store.subjectsById([Number(notice.subject_id)]);
    const body = JSON.stringify({
      id: notice.id,
      delivery: o.id,
      recipient: notice.recipient,
      kind: notice.kind,
      created_at: new Date(Number(notice.created_at)).toISOString(),
      subject: whose ? refOf(whose) : null,
      subject_id: Number(notice.subject_id),
      ...JSON.parse(rendered.text),
    });
    const headers = {
      'content-type': 'application/json',
      'idempotency-key': o.id,
      'x-credence-signature': signature(sub.secret, body, Math.floor(now / 1000)),
    };
    try {
      const r = await post(sub.url, body, headers);
      if (r.status < 200 || r.status >= 300) error = `HTTP ${r.status}`;
      // it answered: whatever the status, it costs the others nothing
      b.failures = 0;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      // no answer (timeout, refused, unreachable): after a few in a row, stop waiting on it for a while
      if (++b.failures >= breakAfter) b.openUntil = now + FIRST_RETRY_MS;
    }
  }
  if (error === null) {
    await store.updateOutbox(o.id, {
      status: 'delivered',
      delivered_at: now,
      attempts: o.attempts + 1,
      last_error: null,
    });
    return 'delivered';
  }
  const attempts = o.attempts + 1;
  const status: OutboxRow['status'] = attempts >= MAX_ATTEMPTS ? 'dead' : 'pending';
  await store.updateOutbox(o.id, {
    status,
    attempts,
    next_attempt_at: now + backoff(attempts),
    last_error: error,
  });
  return status === 'dead' ? 'dead' : 'failed';
}
