import { CredenceError } from '../../domain/errors.ts';
import { formatInstant } from '../../domain/time.ts';
import { derive } from '../../rules/explain.ts';
import type { ListEntry } from '../../rules/lists.ts';
import type { Rulebook } from '../../rules/rulebook.model.ts';
import { Timeline } from '../../rules/scorer.ts';
import { RulebookSet } from '../../rules/versions.ts';
import { loadFiles } from '../derive/derive.files.ts';
import { decodeState, type LedgerMark, type StoredState } from '../derive/derive.state.ts';
import { type DecisionInputs, inputsDigest } from '../derive/derive.usecases.ts';
import { checkRulebook } from '../governance/governance.rulebooks.ts';
import { recordContentHash } from '../ingest/ingest.content-hash.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { RecordRow, Tx } from '../ports/ports.store.ts';
import { combineAnswers } from './queries.usecases.ts';

export type ReplayStatus = 'match' | 'mismatch' | 'inputs_purged';

export interface ReplayResult {
  readonly id: string;
  readonly kind: 'list decision' | 'check';
  readonly status: ReplayStatus;
  readonly detail: string;
  readonly inputs: {
    readonly rulebooks: readonly string[];
    readonly records: number;
    readonly at: string;
    /** The input records by id (`source/id`) with the content hashes they have now, as far as they are stored. */
    readonly record_ids: readonly RecordId[];
  };
}

async function versionsOf(tx: Tx, hashes: readonly string[]): Promise<RulebookSet | string> {
  const rows = new Map((await tx.rulebooks()).map((r) => [r.hash, r]));
  const out: Rulebook[] = [];
  for (const h of hashes) {
    const row = rows.get(h);
    if (!row) return `rulebook version ${h.slice(0, 12)}… is no longer stored`;
    const r = checkRulebook(row.source);
    if (!r.value || r.value.hash !== h)
      return `rulebook version ${h.slice(0, 12)}… no longer matches its hash`;
    out.push(r.value);
  }
  return new RulebookSet(out);
}

interface RecordId {
  readonly record: string;
  readonly content_hash: string;
}
const idsOf = (rows: readonly Pick<RecordRow, 'source' | 'record_id' | 'content_hash'>[]): RecordId[] =>
  rows.map((r) => ({ record: `${r.source}/${r.record_id}`, content_hash: r.content_hash }));

type InputRecords = { readonly count: number; readonly used: readonly RecordId[] } & (
  | { readonly status: 'ok'; readonly keys: ReadonlySet<string> }
  | { readonly status: 'inputs_purged' | 'mismatch'; readonly detail: string }
);

const purgedDetail = (keys: readonly string[], n = keys.length) =>
  `cannot be recomputed: ${n} input record(s) were purged under retention${keys.length > 0 ? ` (${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ', …' : ''})` : ''}`;
const changedDetail = (key: string) =>
  `record ${key} has changed since the decision was taken (its content no longer matches its hash)`;

/** The records that ledger marks name (see ledgerInputs): up to each mark's sequence, an agent's on behalf only. */
async function markedRecords(tx: Tx, marks: readonly LedgerMark[]): Promise<RecordRow[]> {
  const bySubject = new Map(marks.map((m) => [m.subject, m]));
  return (await tx.recordsOf([...bySubject.keys()])).filter((r) => {
    const m = bySubject.get(Number(r.subject_id));
    if (!m || Number(r.seq) > m.upto) return false;
    return (
      m.on_behalf_of === undefined ||
      (r.on_behalf_of !== null && Number(r.on_behalf_of) === m.on_behalf_of && r.culpability !== null)
    );
  });
}

/** The records a decision saw, found again and checked against their hashes (both formats of DecisionInputs). */
async function inputRecords(tx: Tx, inputs: DecisionInputs): Promise<InputRecords> {
  if (inputs.records) {
    const listed = inputs.records;
    const stored = await tx.recordsByKeys(
      listed.map((r) => ({
        source: r.key.slice(0, r.key.indexOf('/')),
        record_id: r.key.slice(r.key.indexOf('/') + 1),
      })),
    );
    const byKey = new Map(stored.map((r) => [`${r.source}/${r.record_id}`, r]));
    const base = { count: listed.length, used: idsOf(stored) };
    const purged = listed.filter((r) => !byKey.has(r.key)).map((r) => r.key);
    if (purged.length > 0) return { ...base, status: 'inputs_purged', detail: purgedDetail(purged) };
    for (const r of listed) {
      const now = byKey.get(r.key)!;
      if (recordContentHash(now) !== r.content_hash || now.content_hash !== r.content_hash)
        return { ...base, status: 'mismatch', detail: changedDetail(r.key) };
    }
    return { ...base, status: 'ok', keys: new Set(listed.map((r) => r.key)) };
  }
  const ledger = inputs.ledger ?? [];
  const rows = await markedRecords(tx, ledger);
  const base = { count: ledger.reduce((n, l) => n + l.count, 0), used: idsOf(rows) };
  // records leave the ledger only by purge: fewer than were seen means some were purged
  if (rows.length < base.count)
    return { ...base, status: 'inputs_purged', detail: purgedDetail([], base.count - rows.length) };
  for (const r of rows)
    if (recordContentHash(r) !== r.content_hash)
      return { ...base, status: 'mismatch', detail: changedDetail(`${r.source}/${r.record_id}`) };
  if (rows.length !== base.count || inputsDigest(rows) !== inputs.digest)
    return {
      ...base,
      status: 'mismatch',
      detail:
        'the records no longer match the digest recorded with the decision (a record or its hash was altered)',
    };
  return { ...base, status: 'ok', keys: new Set(rows.map((r) => `${r.source}/${r.record_id}`)) };
}

function sameEntry(a: ListEntry, b: ListEntry): string | undefined {
  for (const k of ['list', 'since', 'until', 'warnedAt', 'lapsed', 'exit'] as const)
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k]))
      return `${k} differs: recorded ${JSON.stringify(a[k])}, recomputed ${JSON.stringify(b[k])}`;
  if (JSON.stringify(a.grounds) !== JSON.stringify(b.grounds)) return 'grounds differ';
  return undefined;
}

/**
 * Recomputes a recorded decision from its inputs alone — the rulebook versions by hash, the records by content
 * hash, the ledger as it stood when the decision was recorded — and says whether it matches. A record purged
 * under retention since is reported as such; a record whose stored content no longer matches its hash is a
 * mismatch.
 */
export async function replay(ctx: AppContext, id: string): Promise<ReplayResult> {
  return ctx.store.transaction(async (tx) => {
    const check = /^CHK-(\d+)-(\d+)$/.exec(id);
    if (check) return replayCheck(tx, id, Number(check[1]), Number(check[2]));
    const row = (await tx.decisionById(id)) ?? (await tx.decisionById(`${id}:warning`));
    if (!row)
      throw new CredenceError(
        'decision.not_found',
        `no decision ${id} (list decisions are D-…, checks CHK-<subject>-<n>)`,
      );
    const data = JSON.parse(row.data) as { inputs?: DecisionInputs };
    const inputs = data.inputs;
    if (!inputs)
      throw new CredenceError('decision.no_inputs', `decision ${id} was recorded without its inputs`);
    const versions = await versionsOf(tx, inputs.rulebooks);
    const at = formatInstant(Number(row.recorded_at));
    const seen = await inputRecords(tx, inputs);
    const summary = { rulebooks: inputs.rulebooks, records: seen.count, at, record_ids: seen.used };
    if (typeof versions === 'string')
      return { id, kind: 'list decision', status: 'mismatch', detail: versions, inputs: summary };
    if (seen.status !== 'ok')
      return { id, kind: 'list decision', status: seen.status, detail: seen.detail, inputs: summary };
    const subjectId = Number(row.subject_id);
    const { files } = await loadFiles(tx, versions, [subjectId], Number(row.recorded_at), seen.keys);
    const file = files.get(subjectId);
    if (!file)
      return {
        id,
        kind: 'list decision',
        status: 'mismatch',
        detail: 'the subject is no longer in the registry',
        inputs: summary,
      };
    const recomputed = derive(new Timeline(file, versions), Number(row.recorded_at)).entries;
    // the entry as recorded, whole again from its version (one of the inputs)
    const recorded = decodeState(row.data, versions.byHash).entries[0]!;
    const again = recomputed.find((e) => e.decision === recorded.decision);
    if (!again)
      return {
        id,
        kind: 'list decision',
        status: 'mismatch',
        detail: 'the recomputation does not produce this decision',
        inputs: summary,
      };
    const diff = sameEntry(recorded, again);
    return diff
      ? { id, kind: 'list decision', status: 'mismatch', detail: diff, inputs: summary }
      : {
          id,
          kind: 'list decision',
          status: 'match',
          detail: `recomputed from ${seen.count} record(s) and ${inputs.rulebooks.length} rulebook version(s): same list, dates and grounds`,
          inputs: summary,
        };
  });
}

async function replayCheck(tx: Tx, id: string, subjectId: number, seq: number): Promise<ReplayResult> {
  const row = await tx.checkBySeq(subjectId, seq);
  if (!row) throw new CredenceError('decision.not_found', `no check ${id}`);
  const inputs = JSON.parse(row.inputs ?? 'null') as {
    rulebooks: string[];
    holders: { id: number; via: string; from?: number; to?: number | null }[];
    at: number;
    ledger?: LedgerMark[];
  } | null;
  if (!inputs) throw new CredenceError('decision.no_inputs', `check ${id} was recorded without its inputs`);
  const summary = {
    rulebooks: inputs.rulebooks,
    records: 0,
    at: formatInstant(Number(row.asked_at)),
    record_ids: [] as RecordId[],
  };
  const versions = await versionsOf(tx, inputs.rulebooks);
  if (typeof versions === 'string')
    return { id, kind: 'check', status: 'mismatch', detail: versions, inputs: summary };
  const ids = inputs.holders.map((h) => h.id);
  // the records the answer was derived from; checks recorded before their ledger was kept go by time alone
  let only: Set<string> | undefined;
  if (inputs.ledger)
    only = new Set((await markedRecords(tx, inputs.ledger)).map((r) => `${r.source}/${r.record_id}`));
  const { files, rows: used } = await loadFiles(tx, versions, ids, Number(row.asked_at), only);
  const states = new Map<number, StoredState>();
  let records = 0;
  for (const [hid, file] of files) {
    records += file.records.length;
    const d = derive(new Timeline(file, versions), Number(row.asked_at));
    states.set(hid, { entries: d.entries, spans: d.spans });
  }
  const def =
    versions.at(Number(row.at)).measures.get(row.measure) ?? versions.latest.measures.get(row.measure);
  const again = combineAnswers(
    inputs.holders,
    states,
    row.measure,
    def?.appliesWhen.lists ?? [],
    Number(row.at),
    versions,
  );
  const was = {
    applies: row.applies === 1,
    until: row.until === null ? null : Number(row.until),
    decisions: JSON.parse(row.decisions) as string[],
  };
  const same =
    again.applies === was.applies &&
    again.until === was.until &&
    JSON.stringify(again.decisions) === JSON.stringify(was.decisions);
  return {
    id,
    kind: 'check',
    status: same ? 'match' : 'mismatch',
    detail: same
      ? `recomputed: ${row.measure} ${was.applies ? 'applied' : 'did not apply'}, as answered`
      : `answered ${JSON.stringify(was)}, recomputed ${JSON.stringify(again)}`,
    inputs: { ...summary, records, record_ids: idsOf([...used.values()].flat()) },
  };
}
