import type { AppContext } from '../ports/ports.context.ts';
import type { DueProcessTx, OutboxRow } from '../ports/ports.due-process.ts';
import { type DeliveryOptions, deliverLane, fetchPost, type Post } from './due-process.outbox.ts';

export interface LoopOptions extends DeliveryOptions {
  /** How often due deliveries are looked for. */
  readonly intervalMs?: number;
  readonly post?: Post;
  readonly onError?: (e: unknown) => void;
}

/**
 * The server's delivery loop: every interval, each subscriber with due notices and no delivery in flight gets a
 * lane (up to `concurrency` lanes at once). A lane stuck on an unresponsive subscriber holds only that
 * subscriber: the next look finds the others' new notices and serves them at once.
 */
export function startDeliveryLoop(ctx: AppContext, opts: LoopOptions = {}): () => Promise<void> {
  const store = ctx.store as unknown as DueProcessTx;
  const busy = new Map<string, Promise<unknown>>();
  const limit = Math.max(1, opts.concurrency ?? 4);
  let looking = false;
  let stopped = false;
  const look = async () => {
    if (looking || stopped || busy.size >= limit) return;
    looking = true;
    try {
      const due = await store.dueOutbox(ctx.clock.now(), 1000);
      const subs = new Map((await store.subscribers()).map((s) => [s.id, s]));
      const lanes = new Map<string, OutboxRow[]>();
      for (const o of due)
        if (!busy.has(o.subscriber)) lanes.set(o.subscriber, [...(lanes.get(o.subscriber) ?? []), o]);
      for (const [id, rows] of lanes) {
        if (busy.size >= limit) break;
        const lane = deliverLane(ctx, rows, subs.get(id), opts.post ?? fetchPost, opts)
          .catch((e: unknown) => opts.onError?.(e))
          .finally(() => busy.delete(id));
        busy.set(id, lane);
      }
    } catch (e) {
      opts.onError?.(e);
    } finally {
      looking = false;
    }
  };
  const timer = setInterval(() => void look(), opts.intervalMs ?? 2_000);
  timer.unref();
  void look();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await Promise.all(busy.values());
  };
}
