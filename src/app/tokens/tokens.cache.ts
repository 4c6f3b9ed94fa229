import type { TokenRow } from '../ports/ports.store.ts';

/** How long a token looked up stays cached: another process's revocation is seen within this time. */
export const TOKEN_CACHE_TTL_MS = 5000;
/** The most tokens cached at once; the oldest entry goes first. */
export const TOKEN_CACHE_SIZE = 10_000;

/** Revocations made in this process: each one empties every cache (of every store and view of it). */
let revocations = 0;

/** A token was revoked through this process: no cache answers from what it held before. */
export function forgetTokens(): void {
  revocations++;
}

/**
 * Token rows by hash, kept a few seconds so that a request does not look its token up again. A revocation made
 * through this process empties the cache at once, and a lookup under way when it happened is not kept.
 * Expiry and revocation are still judged on every request from the row, against the registry's clock; the cache's
 * own age is measured on a monotonic timer, so that a pinned registry clock cannot keep an entry forever.
 */
export class TokenCache {
  private readonly rows = new Map<string, { readonly row: TokenRow; readonly at: number }>();
  private seen = revocations;

  constructor(
    private readonly elapsed: () => number = () => performance.now(),
    private readonly ttlMs = TOKEN_CACHE_TTL_MS,
    private readonly size = TOKEN_CACHE_SIZE,
  ) {}

  /** The row cached under this hash, if it is fresh. */
  get(hash: string): TokenRow | undefined {
    this.sync();
    const e = this.rows.get(hash);
    if (!e) return undefined;
    const age = this.elapsed() - e.at;
    if (age >= 0 && age < this.ttlMs) return e.row;
    this.rows.delete(hash);
    return undefined;
  }

  /** Looks a token up through the cache: `read` runs only on a miss, and an unknown token is never cached. */
  async lookup(hash: string, read: () => Promise<TokenRow | undefined>): Promise<TokenRow | undefined> {
    const hit = this.get(hash);
    if (hit) return hit;
    const before = revocations;
    const row = await read();
    // a revocation committed while the row was being read: the row may predate it
    if (!row || before !== revocations) return row;
    if (this.rows.size >= this.size) this.rows.delete(this.rows.keys().next().value!);
    this.rows.set(hash, { row, at: this.elapsed() });
    return row;
  }

  private sync(): void {
    if (this.seen === revocations) return;
    this.rows.clear();
    this.seen = revocations;
  }
}
