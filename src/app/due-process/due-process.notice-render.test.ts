// Compact notices render to exactly the body the notice builders used to store (kept as the reference in
// app/testing/notices.reference.ts), for every kind and over random inputs; a later rulebook version never changes
// how a written notice reads; and a row that cannot be rendered says so instead of showing a guess.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { ListEntry } from '../../rules/lists.ts';
import type { Borne } from '../../rules/measures.ts';
import type { Rulebook } from '../../rules/rulebook.model.ts';
import { checkRulebook } from '../governance/governance.rulebooks.ts';
import type { NoticeRow } from '../ports/ports.due-process.ts';
import type { DecisionRow, RecordRow } from '../ports/ports.store.ts';
import * as reference from '../testing/notices.reference.ts';
import { bearerNotices } from './due-process.bearer-notices.ts';
import { noticeText, type RulebookOf, renderNotice } from './due-process.notice-render.ts';
import {
  caseNotice,
  correctionNotice,
  decisionNotice,
  gradeDropNotice,
  recordNotice,
  watchNotice,
} from './due-process.notices.ts';

const TEXT = readFileSync('rulebooks/default.yaml', 'utf8');
const load = (text: string): Rulebook => {
  const r = checkRulebook(text);
  assert.ok(r.value, JSON.stringify(r.issues.slice(0, 3)));
  return r.value;
};
const RB = load(TEXT);
/** A later version: other titles, points, objection window and list title (and so another hash). */
const LATER = load(
  TEXT.replace('version: "2026.1"', 'version: "2027.1"')
    .replace('effective_from: 2026-01-01', 'effective_from: 2027-01-01')
    .replace('objection_window: P30D', 'objection_window: P60D')
    .replace('"Tax paid after the deadline", zh: "逾期缴纳税款"', '"Late tax", zh: "迟缴"')
    .replace(/(tax\.late_payment:[\s\S]*?points: )-10/, '$1-25')
    .replace('en: "Abnormal operations list (companies)"', 'en: "Companies operating abnormally"'),
);
const of =
  (...rbs: Rulebook[]): RulebookOf =>
  (hash) =>
    rbs.find((r) => r.hash === hash);

const NOW = Date.parse('2026-11-01T00:00:00Z');
const DAY = 86_400_000;

function record(over: Partial<RecordRow> = {}): RecordRow {
  return {
    subject_id: 7,
    seq: 1,
    source: 'tax-bureau',
    record_id: 'TB-1',
    type: 'tax.late_payment',
    occurred_at: NOW - 30 * DAY,
    recorded_at: NOW,
    legal_basis: 'Tax Collection Administration Law art. 32',
    evidence: '[]',
    amount: null,
    on_behalf_of: null,
    culpability: null,
    note: null,
    content_hash: 'h',
    ...over,
  };
}

function entry(over: Partial<ListEntry> = {}): ListEntry {
  const def = RB.lists.get('abnormal_operations')!;
  return {
    decision: 'D-1',
    list: 'abnormal_operations',
    kind: 'warning',
    title: def.title,
    grounds: { kind: 'records', records: ['market/M-1', 'market/M-2'] },
    rulebook: { name: RB.name, version: RB.version, hash: RB.hash },
    legalBasis: def.legalBasis!,
    warnedAt: NOW - 10 * DAY,
    since: NOW + 20 * DAY,
    until: NOW + 1000 * DAY,
    exit: 'max',
    earliestRepair: NOW + 20 * DAY,
    lapsed: false,
    public: true,
    ...over,
  };
}

const decision = (e: ListEntry, event: DecisionRow['event'] = 'warning'): DecisionRow => ({
  subject_id: 7,
  id: event === 'entry' ? e.decision : `${e.decision}:${event}`,
  list: e.list,
  event,
  effective_at: e.since,
  recorded_at: NOW,
  data: JSON.stringify({ entries: [e] }),
});

const borne = (over: Partial<Borne> = {}): Borne => ({
  person: 9,
  role: 'legal_representative',
  entry: entry(),
  measures: ['transport.air_travel', 'transport.high_speed_rail'],
  warnedAt: NOW - 10 * DAY,
  from: NOW - 5 * DAY,
  until: NOW - DAY,
  ...over,
});

/** The compact row renders to the reference row's body, and every other column is the reference's. */
function same(compact: NoticeRow | undefined, full: reference.FullNoticeRow | undefined, rbs = of(RB)) {
  assert.equal(compact === undefined, full === undefined);
  if (!compact || !full) return;
  const { body, format, ...cols } = compact;
  const { body: fullBody, format: _, ...fullCols } = full;
  assert.deepEqual(cols, fullCols, 'id, kind, recipient and instant as before');
  assert.equal(format, 1);
  const r = renderNotice(compact, rbs);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.text, fullBody);
}

describe('a compact notice renders to the body the builder used to store, byte for byte', () => {
  test('a record that costs points, repairable or not; a record that costs none gets no notice', () => {
    same(recordNotice(record(), RB, NOW), reference.recordNotice(record(), RB, NOW));
    const serious = record({ type: 'court.judgment_default', source: 'court', record_id: 'C-1' });
    same(recordNotice(serious, RB, NOW), reference.recordNotice(serious, RB, NOW));
    const unrepairable = [...RB.recordTypes.values()].find((t) => t.points < 0 && !t.repair);
    if (unrepairable) {
      const r = record({ type: unrepairable.name });
      same(recordNotice(r, RB, NOW), reference.recordNotice(r, RB, NOW));
    }
    const positive = [...RB.recordTypes.values()].find((t) => t.points >= 0)!;
    same(recordNotice(record({ type: positive.name }), RB, NOW), undefined);
  });

  test('a known notice, as stored before compact notices, renders to the same text (a fixed literal)', () => {
    const r = record({ occurred_at: Date.parse('2026-10-02T00:00:00Z') });
    const n = recordNotice(r, RB, NOW)!;
    assert.equal(n.id, 'N-b71d607209fd8d5c');
    const text = renderNotice(n, of(RB));
    assert.ok(text.ok);
    assert.equal(
      text.text,
      '{"title":"A record lowers your score: Tax paid after the deadline (-10 points)","title_zh":"一条记录降低了您的信用分：逾期缴纳税款（-10分）","reasons":["tax-bureau recorded Tax paid after the deadline on 2026-10-02; it counts until 2027-01-02"],"legal_basis":"Tax Collection Administration Law art. 32","options":[{"action":"object to the record","until":"2026-12-01T00:00:00.000Z"},{"action":"apply for credit repair with commitment_letter, proof_of_performance","from":"2026-10-02T00:00:00.000Z"}],"refs":{"record":"TB-1","source":"tax-bureau","type":"tax.late_payment"}}',
    );
  });

  test('list warnings, entries and exits, on every kind of grounds, with and without an end or a repair date', () => {
    const cases: [ListEntry, DecisionRow['event']][] = [
      [entry(), 'warning'],
      [entry(), 'entry'],
      [entry(), 'exit'],
      [entry({ until: Number.POSITIVE_INFINITY, earliestRepair: undefined }), 'entry'],
      [
        entry({ grounds: { kind: 'condition', condition: 'score < 700', score: 650, grade: 'D' } }),
        'warning',
      ],
      [entry({ grounds: { kind: 'escalation', from: 'D-0', list: 'abnormal_operations' } }), 'entry'],
      // the decision's own texts where they differ from the rulebook's (an older version's title, a record's basis)
      [entry({ title: 'An older title', legalBasis: 'Tax Collection Administration Law art. 63' }), 'entry'],
      // a list the rulebook version no longer has
      [entry({ list: 'retired_list', title: 'Retired list' }), 'warning'],
    ];
    for (const [e, event] of cases)
      same(
        decisionNotice(decision(e, event), NOW, RB),
        reference.decisionNotice(decision(e, event), NOW, RB),
      );
  });

  test('a grade drop, case notices, a correction to a consumer and a watch notice', () => {
    same(gradeDropNotice(7, 'A', 'C', 790, NOW, RB), reference.gradeDropNotice(7, 'A', 'C', 790, NOW, RB));
    const c = [
      7,
      'OBJ-1',
      'objection.decided',
      'Your objection OBJ-1 was decided: annulled',
      'the record was wrong',
      NOW,
      { case: 'OBJ-1', outcome: 'annulled', n: 2, x: undefined },
    ] as const;
    same(caseNotice(...c), reference.caseNotice(...c));
    // a correction written before corrections said whether the measure still applies (no `k`) reads as then
    const written = correctionNotice(7, 'token:abc', 'D-1', 'rail.high_speed', NOW - DAY, NOW);
    const { k, ...before } = JSON.parse(written.body) as Record<string, unknown>;
    assert.deepEqual(k, [], 'a correction now says on which decisions the measure still applies');
    same(
      { ...written, body: JSON.stringify(before) },
      reference.correctionNotice(7, 'token:abc', 'D-1', 'rail.high_speed', NOW - DAY, NOW),
    );
    const w = {
      subjectId: 7,
      subject: '91350100M000100Y43',
      name: 'Fuzhou Example Co.',
      watch: 'W-1',
      recipient: 'token:bank',
      measure: 'finance.loans',
      before: { applies: false, until: null, decisions: [] },
      after: { applies: true, until: '2028-01-01T00:00:00.000Z', decisions: ['D-1', 'D-2'] },
      check: 'CHK-7-3',
      now: NOW,
    };
    same(watchNotice(w), reference.watchNotice(w));
  });

  test('a bearer’s warning, entry and exit, with an open end, and with the decision’s own texts', () => {
    for (const b of [
      borne({ warnedAt: NOW - 10 * DAY, from: NOW - 5 * DAY, until: NOW - DAY }),
      borne({ until: Number.POSITIVE_INFINITY, entry: entry({ earliestRepair: undefined }) }),
      borne({ entry: entry({ title: 'An older title', legalBasis: 'Some law art. 1', resumes: 'D-0' }) }),
      borne({
        entry: entry({ grounds: { kind: 'condition', condition: 'score < 700', score: 650, grade: 'D' } }),
      }),
    ]) {
      const compact = bearerNotices(b, 'Fuzhou Example Co. (91350100M000100Y43)', NOW, RB);
      const full = reference.bearerNotices(b, 'Fuzhou Example Co. (91350100M000100Y43)', NOW, RB);
      assert.equal(compact.length, full.length);
      assert.ok(compact.length > 0);
      for (const [i, n] of compact.entries()) same(n, full[i]);
    }
  });
});

test('the stored form is a fraction of the rendered body for the notices an import writes', () => {
  const bytes = (rows: readonly { body: string }[]) =>
    rows.reduce((a, r) => a + Buffer.byteLength(r.body), 0);
  const e = entry({
    list: 'court_defaulters',
    title: RB.lists.get('court_defaulters')!.title,
    legalBasis: RB.lists.get('court_defaulters')!.legalBasis!,
  });
  const compact = [
    recordNotice(record(), RB, NOW)!,
    decisionNotice(decision(e), NOW, RB),
    ...bearerNotices(borne({ entry: e }), 'Fuzhou Example Co. (91350100M000100Y43)', NOW, RB),
  ];
  const full = [
    reference.recordNotice(record(), RB, NOW)!,
    reference.decisionNotice(decision(e), NOW, RB),
    ...reference.bearerNotices(borne({ entry: e }), 'Fuzhou Example Co. (91350100M000100Y43)', NOW, RB),
  ];
  assert.ok(bytes(compact) * 2 < bytes(full), `${bytes(compact)} bytes stored for ${bytes(full)} rendered`);
});

describe('over random inputs', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 30 });
  const instant = fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2040-01-01') });
  const adverse = [...RB.recordTypes.values()].filter((t) => t.points < 0).map((t) => t.name);

  test('property: record notices render as the reference for any type, dates and legal basis', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...adverse),
        instant,
        instant,
        text,
        text,
        (type, occurred, now, basis, id) => {
          const r = record({ type, occurred_at: occurred, legal_basis: basis, record_id: id });
          same(recordNotice(r, RB, now), reference.recordNotice(r, RB, now));
        },
      ),
    );
  });

  test('property: list and bearer notices render as the reference for any grounds, dates and texts', () => {
    const grounds = fc.oneof(
      fc.record({ kind: fc.constant('records' as const), records: fc.array(text, { maxLength: 3 }) }),
      fc.record({
        kind: fc.constant('condition' as const),
        condition: text,
        score: fc.integer(),
        grade: text,
      }),
      fc.record({ kind: fc.constant('escalation' as const), from: text, list: text }),
    );
    const end = fc.oneof(instant, fc.constant(Number.POSITIVE_INFINITY));
    fc.assert(
      fc.property(
        fc.constantFrom(...RB.lists.keys(), 'unknown_list'),
        fc.option(text, { nil: undefined }),
        fc.option(text, { nil: undefined }),
        grounds,
        instant,
        end,
        fc.option(instant, { nil: undefined }),
        fc.constantFrom('warning', 'entry', 'exit' as const),
        instant,
        (list, title, basis, g, since, until, repair, event, now) => {
          const def = RB.lists.get(list);
          const e = entry({
            list,
            title: title ?? def?.title ?? 'x',
            legalBasis: basis ?? def?.legalBasis ?? 'y',
            grounds: g,
            since,
            until,
            earliestRepair: repair,
          });
          same(
            decisionNotice(decision(e, event), now, RB),
            reference.decisionNotice(decision(e, event), now, RB),
          );
          const b = borne({ entry: e, warnedAt: since - DAY, from: since, until });
          const compact = bearerNotices(b, title ?? 'Org', now, RB);
          const full = reference.bearerNotices(b, title ?? 'Org', now, RB);
          assert.equal(compact.length, full.length);
          for (const [i, n] of compact.entries()) same(n, full[i]);
        },
      ),
    );
  });
});

describe('a written notice reads as it was written', () => {
  test('a rulebook version activated later (other titles, points, objection window) changes nothing', () => {
    const n = recordNotice(record(), RB, NOW)!;
    const d = decisionNotice(decision(entry()), NOW, RB);
    const g = gradeDropNotice(7, 'A', 'C', 790, NOW, RB);
    for (const [compact, full] of [
      [n, reference.recordNotice(record(), RB, NOW)!],
      [d, reference.decisionNotice(decision(entry()), NOW, RB)],
      [g, reference.gradeDropNotice(7, 'A', 'C', 790, NOW, RB)],
    ] as const) {
      same(compact, full, of(LATER, RB));
      same(compact, full, of(RB, LATER));
    }
    // the later version would have said something else: the test can tell the difference
    assert.notEqual(
      reference.recordNotice(record(), LATER, NOW)!.body,
      reference.recordNotice(record(), RB, NOW)!.body,
    );
    assert.notEqual(
      reference.decisionNotice(decision(entry()), NOW, LATER).body,
      reference.decisionNotice(decision(entry()), NOW, RB).body,
    );
  });

  test('a rulebook version the registry does not hold: an error with its reason, or a stand-in marked as such', () => {
    const n = recordNotice(record(), RB, NOW)!;
    const r = renderNotice(n, of(LATER));
    assert.deepEqual(r.ok ? 'rendered' : r.code, 'notice.rulebook_unknown');
    assert.match(r.ok ? '' : r.message, new RegExp(RB.hash));
    const shown = JSON.parse(noticeText(n, of(LATER)));
    assert.match(shown.title, /^This notice cannot be shown: the notice was written under rulebook version/);
    assert.equal(shown.refs.unrenderable, 'notice.rulebook_unknown');
    assert.equal(shown.refs.stored, n.body, 'the stored form is kept, not guessed at');
    assert.doesNotMatch(JSON.stringify(shown), /Late tax|Tax paid after the deadline/);
  });

  test('rows written before compact notices (format 0) are served exactly as stored', () => {
    const old = reference.decisionNotice(decision(entry()), NOW, RB);
    assert.deepEqual(renderNotice(old, of()), { ok: true, text: old.body }, 'no rulebook needed');
  });

  test('a format column that disagrees with the body, an unknown format or a part missing: refused', () => {
    const n = recordNotice(record(), RB, NOW)!;
    const old = reference.recordNotice(record(), RB, NOW)!;
    const code = (row: NoticeRow) => {
      const r = renderNotice(row, of(RB));
      return r.ok ? 'rendered' : r.code;
    };
    assert.equal(code({ ...n, format: 0 }), 'notice.format_mismatch', 'a compact body served as if rendered');
    assert.equal(code({ ...old, format: 1 }), 'notice.format_mismatch', 'a rendered body read as compact');
    assert.equal(code({ ...n, format: 2 }), 'notice.format_unknown');
    const { p: _, ...noPoints } = JSON.parse(n.body);
    assert.equal(code({ ...n, body: JSON.stringify(noPoints) }), 'notice.malformed');
    assert.equal(
      code({ ...n, body: JSON.stringify({ ...noPoints, p: -10, ty: 'no.such_type' }) }),
      'notice.malformed',
    );
    assert.equal(code({ ...n, body: '{"v":1,' }), 'notice.malformed');
    const d = decisionNotice(decision(entry()), NOW, RB);
    assert.equal(code({ ...d, kind: 'list.paused' }), 'notice.malformed', 'a kind that names no list event');
  });
});
