// A projection's state and a decision's entry as stored: list entries refer to their rulebook version by hash and
// leave out what that version says of their list (its kind and title, its legal basis when the entry cites that),
// which a reader takes back from the version. Rows written before hold the whole entry and read as they are.
import type { ListEntry } from '../../rules/lists.ts';
import type { MeasureSpan } from '../../rules/measures.ts';
import type { Rulebook } from '../../rules/rulebook.model.ts';
import type { RulebookOf } from '../../rules/versions.ts';

/** The projection kept per subject: valid for any date until the subject's ledger or the rulebooks change. */
export interface StoredState {
  readonly entries: readonly ListEntry[];
  readonly spans: readonly MeasureSpan[];
  /** The ledger it was derived from (see DecisionInputs): a check records it, so that its replay sees the same. */
  readonly ledger?: readonly LedgerMark[];
}

/** A subject's part of the ledger a derivation saw: its records up to this sequence number, this many of them. */
export interface LedgerMark {
  readonly subject: number;
  readonly upto: number;
  readonly count: number;
  /** For an agent (a person): only its records on behalf of this organization, with a culpability, count. */
  readonly on_behalf_of?: number;
}

const INF = Number.POSITIVE_INFINITY;

/** An entry as stored: `rulebook` is its version's hash; no kind or title; no legal basis when it is the list's. */
type StoredEntry = Omit<ListEntry, 'kind' | 'title' | 'rulebook' | 'legalBasis' | 'until'> & {
  readonly rulebook: string;
  readonly legalBasis?: string;
  readonly until: number | null;
};

/** An entry as written before (the whole entry), which reads as it is. */
type WholeEntry = Omit<ListEntry, 'until'> & { readonly until: number | null };

/** The legal basis an entry cites when it cites none of its own: the list's, else the version's name for it. */
function listBasis(rb: Rulebook, list: string): string {
  return rb.lists.get(list)?.legalBasis ?? `${rb.name} ${rb.version}, lists.${list}`;
}

/**
 * The entry as stored. Only what reads back exactly is left out: an entry whose version is not at hand, or whose
 * kind, title or version names differ from what the version says, is stored whole.
 */
export function storedEntry(e: ListEntry, rulebookOf: RulebookOf): StoredEntry | WholeEntry {
  const until = e.until === INF ? null : e.until;
  const rb = rulebookOf(e.rulebook.hash);
  const l = rb?.lists.get(e.list);
  if (
    !rb ||
    !l ||
    l.kind !== e.kind ||
    l.title !== e.title ||
    rb.name !== e.rulebook.name ||
    rb.version !== e.rulebook.version
  )
    return { ...e, until };
  const { kind: _k, title: _t, rulebook: _r, legalBasis, until: _u, ...rest } = e;
  return {
    ...rest,
    rulebook: rb.hash,
    ...(legalBasis === listBasis(rb, e.list) ? {} : { legalBasis }),
    until,
  };
}

/** An entry as read: whole again, from its version. A version the registry does not hold is an error. */
export function readEntry(s: StoredEntry | WholeEntry, rulebookOf: RulebookOf): ListEntry {
  const until = s.until ?? INF;
  if (typeof s.rulebook !== 'string') return { ...(s as WholeEntry), until };
  const rb = rulebookOf(s.rulebook);
  const l = rb?.lists.get(s.list);
  if (!rb || !l)
    throw new Error(
      `decision ${s.decision} names list ${s.list} of rulebook ${s.rulebook.slice(0, 12)}, which this registry does not hold`,
    );
  const { rulebook: _r, legalBasis, until: _u, ...rest } = s as StoredEntry;
  return {
    ...rest,
    kind: l.kind,
    title: l.title,
    rulebook: { name: rb.name, version: rb.version, hash: rb.hash },
    legalBasis: legalBasis ?? listBasis(rb, s.list),
    until,
  };
}

/** JSON has no Infinity: an open end is stored as null. (No replacer: this runs for every recomputed subject.) */
export function encodeState(s: StoredState, rulebookOf: RulebookOf): string {
  return JSON.stringify({
    entries: s.entries.map((e) => storedEntry(e, rulebookOf)),
    spans: s.spans.map((x) => (x.until === INF ? { ...x, until: null } : x)),
    ...(s.ledger ? { ledger: s.ledger } : {}),
  });
}

/** A stored state (or a decision's data, whose one entry is the decision) as read, whatever form it was written in. */
export function decodeState(text: string, rulebookOf: RulebookOf): StoredState {
  const raw = JSON.parse(text) as {
    entries: (StoredEntry | WholeEntry)[];
    spans?: (Omit<MeasureSpan, 'until'> & { until: number | null })[];
    ledger?: LedgerMark[];
  };
  return {
    entries: raw.entries.map((e) => readEntry(e, rulebookOf)),
    spans: (raw.spans ?? []).map((s) => ({ ...s, until: s.until ?? INF })),
    ...(raw.ledger ? { ledger: raw.ledger } : {}),
  };
}
