/**
 * Storage for Idempotency-Key: the first successful answer to a POST, kept per caller and key for a day, so a
 * retried request gets that answer instead of doing the work twice.
 */
export interface IdempotencyRow {
  /** Who asked: `token:<id>`, or `ip:<address>` for a public operation. */
  readonly caller: string;
  readonly key: string;
  /** SHA-256 of the method, path and body of the first request. */
  readonly request_hash: string;
  readonly status: number;
  readonly content_type: string;
  readonly body: string;
  readonly created_at: number;
}

export interface IdempotencyTx {
  idempotentAnswer(caller: string, key: string): Promise<IdempotencyRow | undefined>;
  /** Keeps an answer (replacing an expired one under the same caller and key). */
  saveIdempotentAnswer(row: IdempotencyRow): Promise<void>;
  /** Forgets the answers kept before `before`; returns how many. */
  purgeIdempotentAnswers(before: number): Promise<number>;
}

// The Store port includes these operations (an interface merged into ports.store.ts's Tx, kept in its own file).
declare module './ports.store.ts' {
  interface Tx extends IdempotencyTx {}
}
