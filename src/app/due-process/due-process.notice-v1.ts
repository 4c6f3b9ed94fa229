// Notice format 1: the compact stored form of a notice and how it renders. A row keeps what only the moment of
// writing knows (the cause, its dates and numbers, the rulebook version by hash); the texts come from this file
// and from that rulebook version. Rows of format 1 must render the same for ever: never change a text or a rule
// here; a change of wording is a format 2 beside this one, and rows already written keep rendering as format 1.
import { formatInstant } from '../../domain/time.ts';
import type { Grounds } from '../../rules/lists.model.ts';
import type { Rulebook } from '../../rules/rulebook.model.ts';
import type {
  BearerV1,
  CaseV1,
  CompactV1,
  CorrectionV1,
  GradeV1,
  ListV1,
  NoticeBody,
  RecordV1,
  StoredGrounds,
  WatchedAnswer,
  WatchV1,
} from './due-process.notice-forms.ts';

/** Why a stored notice cannot be rendered: a stable code and a sentence. */
export class Unrenderable extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const iso = (t: number | null | undefined) =>
  t === null || t === undefined || !Number.isFinite(t) ? null : formatInstant(t);
const day = (t: number | null) =>
  t !== null && Number.isFinite(t) ? formatInstant(t).slice(0, 10) : 'no fixed date';

/** An instant stored by a builder that formats it without a guard: it must be a number. */
function instant(t: unknown, what: string): number {
  if (typeof t !== 'number')
    throw new Unrenderable('notice.malformed', `the stored ${what} is not an instant`);
  return t;
}

function groundsText(g: StoredGrounds): string {
  if (Array.isArray(g)) return `grounds: record(s) ${g.join(', ')}`;
  const o = g as Exclude<Grounds, { kind: 'records' }>;
  return o.kind === 'condition'
    ? `grounds: ${o.condition} (score ${o.score}, grade ${o.grade})`
    : `grounds: escalation from list ${o.list} (decision ${o.from})`;
}

function eventOf(kind: string): 'warning' | 'entry' | 'exit' {
  const event = kind.slice(kind.indexOf('.') + 1);
  if (event === 'warning' || event === 'entry' || event === 'exit') return event;
  throw new Unrenderable('notice.malformed', `kind ${kind} names no list event`);
}

/** The list's title and legal basis: as stored, else the rulebook's (the builder stored them where they differ). */
function listTexts(c: ListV1 | BearerV1, rb: Rulebook): { title: string; legalBasis: string } {
  const def = rb.lists.get(c.l);
  const title = c.ti ?? def?.title;
  const legalBasis = c.lb ?? def?.legalBasis;
  if (title === undefined || legalBasis === undefined)
    throw new Unrenderable(
      'notice.malformed',
      `list ${c.l} is not in rulebook ${rb.name} ${rb.version} and the notice does not state its texts`,
    );
  return { title, legalBasis };
}

type Option = NoticeBody['options'][number];

function recordBody(c: RecordV1, rb: Rulebook): NoticeBody {
  const type = rb.recordTypes.get(c.ty);
  if (!type)
    throw new Unrenderable('notice.malformed', `record type ${c.ty} is not in rulebook ${rb.version}`);
  const options: Option[] = [{ action: 'object to the record', until: iso(c.ou) }];
  if (c.rf !== undefined) {
    if (!type.repair)
      throw new Unrenderable(
        'notice.malformed',
        `record type ${c.ty} has no repair in rulebook ${rb.version}`,
      );
    options.push({
      action: `apply for credit repair with ${type.repair.requires.join(', ') || 'an application'}`,
      from: iso(c.rf),
    });
  }
  return {
    title: `A record lowers your score: ${type.title} (${c.p} points)`,
    title_zh: `一条记录降低了您的信用分：${type.zh?.title ?? type.title}（${c.p}分）`,
    reasons: [
      `${c.s} recorded ${type.title} on ${iso(c.o)?.slice(0, 10)}; it counts until ${iso(c.cu)?.slice(0, 10)}`,
    ],
    legal_basis: c.lb,
    options,
    refs: { record: c.r, source: c.s, type: c.ty },
  };
}

function listBody(c: ListV1, kind: string, rb: Rulebook): NoticeBody {
  const event = eventOf(kind);
  const e = listTexts(c, rb);
  const titles = {
    warning: `Warning: you will be placed on the list "${e.title}" on ${iso(c.s)?.slice(0, 10)} unless the cause is removed`,
    entry: `You have been placed on the list "${e.title}"`,
    exit: `You have left the list "${e.title}"`,
  } as const;
  const options: Option[] =
    event === 'exit'
      ? []
      : [
          { action: 'object to the records behind this decision', until: iso(c.ou) },
          ...(c.er !== undefined ? [{ action: 'apply for credit repair', from: iso(c.er) }] : []),
        ];
  const zh = rb.lists.get(c.l)?.zh;
  const listZh = zh?.title ?? e.title;
  const titlesZh = {
    warning: `警告：除非消除原因，您将于${iso(c.s)?.slice(0, 10)}被列入"${listZh}"`,
    entry: `您已被列入"${listZh}"`,
    exit: `您已移出"${listZh}"`,
  } as const;
  return {
    title: titles[event],
    title_zh: titlesZh[event],
    ...(zh?.legalBasis ? { legal_basis_zh: zh.legalBasis } : {}),
    reasons: [
      groundsText(c.g),
      `effective ${iso(c.s)?.slice(0, 10)}, ends ${c.u === null ? 'at no fixed date' : iso(c.u)?.slice(0, 10)}`,
    ],
    legal_basis: e.legalBasis,
    options,
    refs: { decision: c.d, list: c.l, event },
  };
}

function bearerBody(c: BearerV1, kind: string, rb: Rulebook): NoticeBody {
  const event = eventOf(kind);
  const e = listTexts(c, rb);
  const org = c.o;
  const role = c.ro.replaceAll('_', ' ');
  const measures = c.ms.join(', ');
  const from = instant(c.fr, 'start');
  const titles = {
    warning: `Warning: as ${role} of ${org} you will bear ${measures} from ${day(from)} unless the cause is removed`,
    entry: `As ${role} of ${org} you bear ${measures} while it is on the list "${e.title}"`,
    exit: `You no longer bear ${measures} as ${role} of ${org}`,
  } as const;
  return {
    title: titles[event],
    reasons: [
      `${org} is on the list "${e.title}" (decision ${c.d}) from ${day(c.s)}`,
      `the measures reach its ${role}: you, from ${day(from)} until ${day(c.un)}`,
      groundsText(c.g),
    ],
    legal_basis: e.legalBasis,
    options:
      event === 'exit'
        ? []
        : [
            {
              action: 'object to the records behind this decision',
              until: formatInstant(instant(c.ou, 'objection deadline')),
            },
            ...(c.er !== undefined
              ? [
                  {
                    action: `${org} may apply for credit repair`,
                    from: formatInstant(instant(c.er, 'repair date')),
                  },
                ]
              : []),
          ],
    refs: {
      decision: c.d,
      list: c.l,
      organization: org,
      role: c.ro,
      measures: c.ms,
      event,
      at: formatInstant(instant(c.at, 'instant')),
      from: formatInstant(from),
      until: c.un !== null && Number.isFinite(c.un) ? formatInstant(c.un) : null,
    },
  };
}

function gradeBody(c: GradeV1, rb: Rulebook): NoticeBody {
  return {
    title: `Your grade fell from ${c.f} to ${c.to} (score ${c.sc})`,
    reasons: ['see the explanation of your score for every contribution'],
    legal_basis: `${rb.name} ${rb.version}`,
    options: [{ action: 'read the explanation and object to any record you contest', until: iso(c.ou) }],
    refs: { from: c.f, to: c.to, score: c.sc },
  };
}

function caseBody(c: CaseV1): NoticeBody {
  return {
    title: c.ti,
    reasons: [c.re],
    legal_basis: 'credit repair and objection procedure',
    options: [],
    refs: c.rf,
  };
}

function correctionBody(c: CorrectionV1): NoticeBody {
  const date = iso(c.e)?.slice(0, 10);
  const basis = { legal_basis: 'credit repair and objection procedure', options: [] };
  // written before corrections said whether the measure still applies: read as then
  if (c.k === undefined)
    return {
      title: `Correction: measure ${c.m} no longer applies`,
      reasons: [
        `list decision ${c.d} behind your earlier check ended on ${date} after a repair or annulment`,
      ],
      ...basis,
      refs: { decision: c.d, measure: c.m },
    };
  const keeps = c.k;
  return {
    title:
      keeps.length > 0
        ? `Correction: measure ${c.m} still applies, on other decisions; decision ${c.d} stands only until ${date}`
        : `Correction: measure ${c.m} no longer applies from ${date}`,
    reasons: [
      `list decision ${c.d} behind your earlier check stands only until ${date}, after a repair or annulment`,
      ...(keeps.length > 0
        ? [`the measure still applies from then on, on decision(s) ${keeps.join(', ')}`]
        : []),
    ],
    ...basis,
    refs: { decision: c.d, measure: c.m, still_applies_on: [...keeps] },
  };
}

function watchBody(c: WatchV1): NoticeBody {
  const state = (a: WatchedAnswer) =>
    a.applies ? `applies${a.until ? ` until ${a.until.slice(0, 10)}` : ''}` : 'does not apply';
  return {
    title: `Watched answer changed: measure ${c.m} now ${state(c.a)} to ${c.n} (${c.s})`,
    reasons: [
      `before: ${state(c.b)}${c.b.decisions.length ? ` (decisions ${c.b.decisions.join(', ')})` : ''}`,
      `now: ${state(c.a)}${c.a.decisions.length ? ` (decisions ${c.a.decisions.join(', ')})` : ''}`,
    ],
    legal_basis: 'monitoring under a stated purpose, shown to the watched subject',
    options: [],
    refs: { watch: c.w, subject: c.s, measure: c.m, before: c.b, after: c.a, check: c.c },
  };
}

/** Which stored fields each form needs, and of what type: a row that lacks one is refused, not rendered. */
const FIELDS: Record<CompactV1['t'], Record<string, 'string' | 'number' | 'object'>> = {
  record: { rb: 'string', s: 'string', r: 'string', ty: 'string', lb: 'string', p: 'number' },
  list: { rb: 'string', d: 'string', l: 'string', g: 'object' },
  bearer: { rb: 'string', o: 'string', ro: 'string', ms: 'object', d: 'string', l: 'string', g: 'object' },
  grade: { rb: 'string', f: 'string', to: 'string', sc: 'number' },
  case: { ti: 'string', re: 'string', rf: 'object' },
  correction: { d: 'string', m: 'string' },
  watch: { s: 'string', n: 'string', w: 'string', m: 'string', b: 'object', a: 'object', c: 'string' },
};

/**
 * The body of a format-1 notice: its stored form, its kind, and the rulebook version it names (by hash), looked
 * up by `rulebookOf`. Throws Unrenderable when a part is missing: never a body with a part left out.
 */
export function renderV1(
  c: CompactV1,
  kind: string,
  rulebookOf: (hash: string) => Rulebook | undefined,
): NoticeBody {
  const fields = FIELDS[c.t];
  if (!fields) throw new Unrenderable('notice.malformed', `unknown notice form ${String(c.t)}`);
  for (const [k, type] of Object.entries(fields)) {
    const v = (c as unknown as Record<string, unknown>)[k];
    if (typeof v !== type || v === null)
      throw new Unrenderable('notice.malformed', `the stored ${c.t} notice lacks its ${k}`);
  }
  const rulebook = () => {
    const hash = (c as { rb: string }).rb;
    const rb = rulebookOf(hash);
    if (!rb)
      throw new Unrenderable(
        'notice.rulebook_unknown',
        `the notice was written under rulebook version ${hash}, which this registry does not hold`,
      );
    return rb;
  };
  switch (c.t) {
    case 'record':
      return recordBody(c, rulebook());
    case 'list':
      return listBody(c, kind, rulebook());
    case 'bearer':
      return bearerBody(c, kind, rulebook());
    case 'grade':
      return gradeBody(c, rulebook());
    case 'case':
      return caseBody(c);
    case 'correction':
      return correctionBody(c);
    case 'watch':
      return watchBody(c);
  }
}
