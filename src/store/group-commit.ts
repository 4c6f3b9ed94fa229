import { sql, type Transaction } from 'kysely';
import type { Commitment } from '../app/audit/audit.ledger.ts';
import { sealLedger } from '../app/audit/audit.log.ts';
import type { Tx } from '../app/ports/ports.store.ts';
import { compiledOnce } from './compiled.ts';
import type { Database } from './schema.ts';

/** The most calls one group commits together; calls beyond it wait for the next group. */
export const GROUP_LIMIT = 100;

/** What a group needs from its store. */
export interface GroupDeps {
  /** One database transaction around `body`: committed when it returns, rolled back when it throws. */
  transaction(body: (trx: Transaction<Database>) => Promise<void>): Promise<void>;
  /** A fresh Tx for one call: the subjects it locks and the ledger rows it writes are its own. */
  makeTx(trx: Transaction<Database>): Tx;
  /** Whether an error means the work lost a race with another writer (PostgreSQL) and may run again as it is. */
  lostRace(e: unknown): boolean;
  /** Runs `fn` in an ordinary transaction of its own, with that path's retries. */
  alone<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

interface Call {
  readonly fn: (tx: Tx) => Promise<unknown>;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: unknown) => void;
}

type Outcome =
  | { readonly kind: 'done'; readonly value: unknown }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'again' };

/** A savepoint statement, compiled once (and run directly on SQLite, see compiled.ts). */
const savepoint = (trx: Transaction<Database>, text: string) =>
  compiledOnce(trx, text, [], () => sql.raw(text));
const SAVEPOINT = 'savepoint grouped_call';
const RELEASE = 'release savepoint grouped_call';
const ROLLBACK = 'rollback to savepoint grouped_call';

/**
 * Group commit: the calls submitted in the same event-loop turn (and those arriving while a group runs, for the
 * next group) share one transaction and one COMMIT. Each call runs alone in its own savepoint, one after the
 * other; a call that throws is rolled back to its savepoint — its writes and its ledger rows are gone, the
 * others' stay — and rejects with its own error. Every other call resolves only after the shared COMMIT: when
 * the COMMIT (or anything after the calls) fails, no call of the group is acknowledged.
 *
 * On PostgreSQL a call that lost a race (deadlock, serialization failure, a key another writer took first) is run
 * again alone after the group, with the ordinary transaction's retries, as `transaction` would run it again. A
 * call must use only the Tx it is given: the group holds the connection (SQLite has only one).
 */
export class GroupCommit {
  private queue: Call[] = [];
  private active = false;

  constructor(
    private readonly deps: GroupDeps,
    private readonly limit = GROUP_LIMIT,
  ) {}

  submit<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (this.active) return;
      this.active = true;
      // after the I/O callbacks of this turn: every request read in it joins the group
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.commit(this.queue.splice(0, this.limit));
    } finally {
      this.active = false;
    }
  }

  private async commit(calls: readonly Call[]): Promise<void> {
    const outcomes: Outcome[] = [];
    try {
      await this.deps.transaction(async (trx) => {
        // the ledger rows of the calls that stayed, in order, for the audit entry that commits them
        let kept: { rows: Commitment[]; latest: number } = { rows: [], latest: 0 };
        // a call alone in its group needs no savepoint: if it fails, the transaction is rolled back whole
        const savepoints = calls.length > 1;
        for (const call of calls) {
          const tx = this.deps.makeTx(trx);
          // a call that appends its own audit entry commits the rows before it too, as one transaction would
          tx.ledger.carry(kept);
          // the call appends its rows to the list it carries: if it fails, the list is cut back to this length
          const mark = kept.rows.length;
          if (savepoints) await savepoint(trx, SAVEPOINT);
          try {
            const value = await call.fn(tx);
            if (savepoints) await savepoint(trx, RELEASE);
            kept = tx.ledger.take();
            outcomes.push({ kind: 'done', value });
          } catch (error) {
            outcomes.push(this.deps.lostRace(error) ? { kind: 'again' } : { kind: 'failed', error });
            kept.rows.length = mark;
            if (!savepoints) throw error;
            // if the savepoint cannot be rolled back, the whole group fails below and this call with its own error
            await savepoint(trx, ROLLBACK);
            await savepoint(trx, RELEASE);
          }
        }
        const seal = this.deps.makeTx(trx);
        seal.ledger.carry(kept);
        await sealLedger(seal);
      });
    } catch (error) {
      // nothing of this group was committed. Not run again: a call's fn may keep state of its own (an importer's
      // subject cache) that a rollback it never saw has made wrong; its caller decides, as after any failure
      calls.forEach((call, i) => {
        const o = outcomes[i];
        // a call that failed on its own is answered as if the group had committed
        if (o?.kind === 'again') this.alone(call);
        else call.reject(o?.kind === 'failed' ? o.error : error);
      });
      return;
    }
    calls.forEach((call, i) => {
      const o = outcomes[i]!;
      if (o.kind === 'done') call.resolve(o.value);
      else if (o.kind === 'failed') call.reject(o.error);
      else this.alone(call);
    });
  }

  private alone(call: Call): void {
    this.deps.alone(call.fn).then(call.resolve, call.reject);
  }
}
