import { checkNationalId } from '../../domain/national-id.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { SubjectRow, Tx } from '../ports/ports.store.ts';

/** Subjects remembered by natural key across batches before the caches are emptied. */
const SUBJECT_CACHE_LIMIT = 10_000;

/** The fields of an input line that name a subject, and how: by USCI, or by national identity number. */
const BY_USCI = ['usci', 'parent', 'on_behalf_of'] as const;
const BY_NATIONAL_ID = ['national_id', 'legal_representative', 'actual_controller'] as const;

/** Whether a reference is a registry reference (P…) or a numeric id rather than a natural key. */
export const isIdRef = (ref: string): boolean => /^P\d{1,12}$/.test(ref) || /^\d{1,12}$/.test(ref);

/** Whether a reference is a national identity number (a person), not a USCI. */
export const isNationalId = (ref: string): boolean => ref.length === 18 && checkNationalId(ref).ok;

/**
 * The subject a reference names, as a check or a score names one: a registry reference (P…) or numeric id, a
 * national identity number, or a USCI. One read, without a session's caches.
 */
export async function subjectByRef(
  ctx: Pick<AppContext, 'hashNationalId'>,
  tx: Tx,
  ref: string,
): Promise<SubjectRow | undefined> {
  if (isIdRef(ref)) return (await tx.subjectsById([Number(ref.replace(/^P/, ''))]))[0];
  if (isNationalId(ref)) return (await tx.subjectsByIdHash([ctx.hashNationalId(ref)]))[0];
  return (await tx.subjectsByUsci([ref]))[0];
}

/**
 * A session's subjects by natural key (USCI, keyed hash of the national identity number). A batch's references
 * are looked up together before its lines are read (`prefetch`: two statements instead of one a line); a key
 * found absent then is not asked again in that transaction. Should another writer register it meanwhile, this
 * session's insert meets the unique key and the transaction runs again, prefetching afresh.
 */
export class SubjectLookup {
  readonly byUsci = new Map<string, SubjectRow>();
  readonly byHash = new Map<string, SubjectRow>();
  private readonly noUsci = new Set<string>();
  private readonly noHash = new Set<string>();
  /**
   * The keyed hashes of the national identity numbers this batch names: a person named by several lines, or
   * prefetched and then resolved, is checked and hashed once. Held for the batch only (see begin).
   */
  private readonly hashes = new Map<string, string>();

  constructor(private readonly ctx: Pick<AppContext, 'hashNationalId'>) {}

  /** Forgets everything (a transaction rolled back: what it cached may not exist). */
  clear(): void {
    this.byUsci.clear();
    this.byHash.clear();
    this.noUsci.clear();
    this.noHash.clear();
    this.hashes.clear();
  }

  /** The keyed hash of a reference that is a national identity number (isNationalId), else undefined. */
  hashOf(ref: string): string | undefined {
    let h = this.hashes.get(ref);
    if (h === undefined && isNationalId(ref)) {
      h = this.ctx.hashNationalId(ref);
      this.hashes.set(ref, h);
    }
    return h;
  }

  /** Starts a transaction's batch: absences are its own; the caches stay bounded, whatever the file. */
  begin(): void {
    this.noUsci.clear();
    this.noHash.clear();
    this.hashes.clear();
    if (this.byUsci.size + this.byHash.size > SUBJECT_CACHE_LIMIT) this.clear();
  }

  /** Looks up every subject the lines name, in two statements. */
  async prefetch(tx: Tx, lines: readonly unknown[]): Promise<void> {
    const uscis = new Set<string>();
    const hashes = new Set<string>();
    const usci = (ref: unknown) => {
      if (typeof ref === 'string' && ref !== '' && ref.length <= 64 && !this.byUsci.has(ref)) uscis.add(ref);
    };
    const person = (ref: unknown) => {
      const h = typeof ref === 'string' ? this.hashOf(ref) : undefined;
      if (h !== undefined && !this.byHash.has(h)) hashes.add(h);
    };
    for (const line of lines) {
      if (line === null || typeof line !== 'object') continue;
      const l = line as Record<string, unknown>;
      for (const f of BY_USCI) usci(l[f]);
      for (const f of BY_NATIONAL_ID) person(l[f]);
      // a record's subject, as `resolve` reads it
      if (!('kind' in l) && typeof l.subject === 'string' && !isIdRef(l.subject))
        (this.hashOf(l.subject) !== undefined ? person : usci)(l.subject);
    }
    const found = [
      ...(uscis.size > 0 ? await tx.subjectsByUsci([...uscis]) : []),
      ...(hashes.size > 0 ? await tx.subjectsByIdHash([...hashes]) : []),
    ];
    for (const s of found) {
      if (s.usci) this.byUsci.set(s.usci, s);
      if (s.id_hash) this.byHash.set(s.id_hash, s);
    }
    for (const u of uscis) if (!this.byUsci.has(u)) this.noUsci.add(u);
    for (const h of hashes) if (!this.byHash.has(h)) this.noHash.add(h);
  }

  async org(tx: Tx, usci: string): Promise<SubjectRow | undefined> {
    let s = this.byUsci.get(usci);
    if (!s && !this.noUsci.has(usci)) {
      [s] = await tx.subjectsByUsci([usci]);
      if (s) this.byUsci.set(usci, s);
    }
    return s;
  }

  async person(tx: Tx, hash: string): Promise<SubjectRow | undefined> {
    let s = this.byHash.get(hash);
    if (!s && !this.noHash.has(hash)) {
      [s] = await tx.subjectsByIdHash([hash]);
      if (s) this.byHash.set(hash, s);
    }
    return s;
  }
}
