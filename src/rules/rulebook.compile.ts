import { addDuration, type Duration, parseDuration } from '../domain/duration.ts';
import { parseInstant } from '../domain/time.ts';
import { makeCompiler, windowLiterals } from './expressions.ts';
import { protectedCategoryOf } from './guardrails.ts';
import { proportionality } from './proportionality.ts';
import type {
  Bearer,
  ListDef,
  MeasureDef,
  Memorandum,
  RecordType,
  Rule,
  Rulebook,
  SubjectKind,
} from './rulebook.model.ts';
import { publishOf } from './rulebook.policy.ts';
import { arr, type Doc, dotted, obj, type Path, type Problems, str } from './rulebook.problems.ts';
import { en, texts, withTexts, zhTexts } from './rulebook.texts.ts';

export const REPAIR_MATERIALS = [
  'commitment_letter',
  'proof_of_performance',
  'licence',
  'training_certificate',
  'credit_report',
];

const TYPE_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
/** Anything longer is permanent in all but name: a negative entry must really expire. */
const LONGEST = 'P30Y';

/** The semantic pass: durations, guardrails, conditions compiled, references resolved. */
export function compileDocument(doc: Doc, p: Problems, hash: string, source: string): Rulebook | undefined {
  const durations = (path: Path, v: unknown, required: boolean): Duration | undefined => {
    if (v === undefined || v === null) {
      if (required) p.add(path, 'is required');
      return undefined;
    }
    if (typeof v !== 'string') return undefined; // already reported structurally
    const r = parseDuration(v);
    if (!r.value) {
      p.add(path, r.issues[0]?.message ?? 'invalid duration');
      return undefined;
    }
    return r.value;
  };
  const longest = parseDuration(LONGEST).value!;
  const finite = (path: Path, d: Duration | undefined): void => {
    if (d && addDuration(0, d) > addDuration(0, longest))
      p.add(path, `must be finite: at most ${LONGEST}`, 'rulebook.guardrail');
  };
  const guard = (path: Path, given: unknown, what: string): void => {
    // every language's text (a title may be {en, zh})
    const text = texts(given).find((x) => protectedCategoryOf(x));
    const c = text === undefined ? undefined : protectedCategoryOf(text);
    if (c)
      p.add(
        path,
        `${what} "${text}" names a protected category (${c}); such data can never be recorded`,
        'rulebook.protected_category',
      );
  };

  const effectiveFrom = parseInstant(String(doc.effective_from ?? ''));
  if (doc.effective_from !== undefined && effectiveFrom === undefined)
    p.add(['effective_from'], 'expected a date such as 2026-01-01');

  const scale = obj(doc.scale) as { base?: number; min?: number; max?: number };
  if (typeof scale.min === 'number' && typeof scale.max === 'number' && typeof scale.base === 'number') {
    if (!(scale.min <= scale.base && scale.base <= scale.max))
      p.add(['scale'], 'must satisfy min ≤ base ≤ max');
  }
  const grades = arr(doc.grades).map((g) => obj(g) as { grade: string; min: number });
  grades.forEach((g, i) => {
    const prev = grades[i - 1];
    if (prev && typeof prev.min === 'number' && typeof g.min === 'number' && g.min >= prev.min)
      p.add(['grades', i, 'min'], 'grades must be listed highest first, each min below the one before');
  });
  const lowest = grades[grades.length - 1];
  if (lowest && typeof scale.min === 'number' && typeof lowest.min === 'number' && lowest.min > scale.min)
    p.add(
      ['grades', grades.length - 1, 'min'],
      `the lowest grade must start at or below scale.min (${scale.min}) so that every score has a grade`,
    );

  const recordTypes = new Map<string, RecordType>();
  for (const [name, raw] of Object.entries(obj(doc.record_types))) {
    const t = obj(raw);
    const path = ['record_types', name];
    if (!TYPE_NAME.test(name))
      p.add(path, 'record type names are lower_snake_case and dotted, domain first (e.g. tax.late_payment)');
    guard(path, name, 'record type');
    guard([...path, 'title'], t.title, 'title');
    guard([...path, 'domain'], t.domain, 'domain');
    const points = typeof t.points === 'number' ? t.points : 0;
    const countsFor = durations([...path, 'counts_for'], t.counts_for, true);
    const retention = durations([...path, 'retention'], t.retention, true);
    if (points < 0) {
      finite([...path, 'counts_for'], countsFor);
      finite([...path, 'retention'], retention);
    }
    if (countsFor && retention && addDuration(0, retention) < addDuration(0, countsFor))
      p.add(
        [...path, 'retention'],
        'must be at least counts_for: a record cannot be deleted while it still counts',
      );
    const rep = t.repair === undefined ? undefined : obj(t.repair);
    let repair: RecordType['repair'];
    if (rep) {
      const after = durations([...path, 'repair', 'after'], rep.after, true);
      const requires = arr(rep.requires).map(String);
      requires.forEach((m, i) => {
        if (!REPAIR_MATERIALS.includes(m))
          p.add(
            [...path, 'repair', 'requires', i],
            `unknown material "${m}"; expected one of ${REPAIR_MATERIALS.join(', ')}`,
          );
      });
      const notIf = durations(
        [...path, 'repair', 'not_if_repeated_within'],
        rep.not_if_repeated_within,
        false,
      );
      if (points >= 0) p.warn([...path, 'repair'], 'a positive record type needs no repair');
      if (after) repair = notIf ? { after, requires, notIfRepeatedWithin: notIf } : { after, requires };
    }
    if (countsFor && retention) {
      const rt: RecordType = {
        name,
        ...withTexts({ title: t.title }, name),
        domain: str(t.domain) ?? '',
        subjects: (arr(t.subjects).length ? arr(t.subjects) : ['organization', 'person']) as SubjectKind[],
        severity: (str(t.severity) ?? 'minor') as RecordType['severity'],
        points,
        countsFor,
        retention,
        public: t.public === true,
        suspendWhileDisputed: t.suspend_while_disputed === true,
        ...(repair ? { repair } : {}),
        ...(publishOf(t) ? { publish: publishOf(t)! } : {}),
      };
      recordTypes.set(name, rt);
    }
  }

  const listNames = Object.keys(obj(doc.lists));
  const compiler = makeCompiler(listNames);

  const rules: Rule[] = [];
  const ruleIds = new Set<string>();
  arr(doc.rules).forEach((raw, i) => {
    const r = obj(raw);
    const path = ['rules', i];
    const id = str(r.id) ?? `rule-${i}`;
    if (ruleIds.has(id)) p.add([...path, 'id'], `duplicate rule id "${id}"`);
    ruleIds.add(id);
    const c = compiler.rule(dotted([...path, 'when']), r.when);
    for (const iss of c.issues) p.add([...path, 'when'], iss.message);
    if (typeof r.when === 'string') checkWindows(r.when, [...path, 'when'], p);
    if (c.test)
      rules.push({
        id,
        when: String(r.when),
        points: typeof r.points === 'number' ? r.points : 0,
        reason: en(r.reason) ?? id,
        ...zhTexts({ reason: r.reason }),
        test: c.test,
        ...onlyForType(String(r.when)),
      });
  });

  const lists = new Map<string, ListDef>();
  for (const [name, raw] of Object.entries(obj(doc.lists))) {
    const l = obj(raw);
    const path = ['lists', name];
    if (!/^[a-z][a-z0-9_]*$/.test(name))
      p.add(path, 'list names are lower_snake_case (they are used as lists.NAME in conditions)');
    guard(path, name, 'list');
    guard([...path, 'title'], l.title, 'title');
    const kind = (str(l.kind) ?? 'black') as ListDef['kind'];
    const enterOn = arr(l.enter_on).map(String);
    enterOn.forEach((t, i) => {
      if (!recordTypes.has(t) && !obj(doc.record_types)[t])
        p.warn(
          [...path, 'enter_on', i],
          `record type "${t}" is not in record_types: this ground can never occur`,
        );
    });
    let enterWhen: ListDef['enterWhen'];
    if (l.enter_when !== undefined) {
      const c = compiler.state(dotted([...path, 'enter_when']), l.enter_when);
      for (const iss of c.issues) p.add([...path, 'enter_when'], iss.message);
      const windows: Duration[] = [];
      for (const w of c.windows) {
        const d = parseDuration(w);
        if (d.value) windows.push(d.value);
        else
          p.add(
            [...path, 'enter_when'],
            `history.count window "${w}": ${d.issues[0]?.message ?? 'invalid duration'}`,
          );
      }
      if (c.test) enterWhen = { source: String(l.enter_when), test: c.test, windows };
    }
    const notice = durations([...path, 'notice'], l.notice, false);
    const min = durations([...path, 'min'], l.min, false);
    const max = durations([...path, 'max'], l.max, kind !== 'red');
    if (kind !== 'red') finite([...path, 'max'], max);
    const hold = durations([...path, 'hold'], l.hold, false);
    if (hold && l.enter_when === undefined)
      p.warn([...path, 'hold'], 'hold only applies to enter_when lists');
    if (min && max && addDuration(0, min) > addDuration(0, max))
      p.add([...path, 'min'], 'must not exceed max');
    const pub = l.public;
    const publicFlags =
      typeof pub === 'boolean'
        ? { organization: pub, person: pub }
        : { organization: obj(pub).organization === true, person: obj(pub).person === true };
    let escalate: ListDef['escalate'];
    if (l.escalate !== undefined) {
      const e = obj(l.escalate);
      const to = str(e.to) ?? '';
      if (!listNames.includes(to)) p.add([...path, 'escalate', 'to'], `unknown list "${to}"`);
      if (to === name) p.add([...path, 'escalate', 'to'], 'a list cannot escalate to itself');
      const after = durations([...path, 'escalate', 'after'], e.after, true);
      const en = durations([...path, 'escalate', 'notice'], e.notice, false);
      if (after) escalate = en ? { to, after, notice: en } : { to, after };
    }
    lists.set(name, {
      name,
      kind,
      ...withTexts({ title: l.title, legalBasis: l.legal_basis }, name),
      enterOn,
      ...(enterWhen ? { enterWhen } : {}),
      ...(notice ? { notice } : {}),
      ...(min ? { min } : {}),
      ...(max ? { max } : {}),
      ...(hold ? { hold } : {}),
      public: publicFlags,
      ...(escalate ? { escalate } : {}),
    });
  }
  const listOrder = orderLists(lists, p);
  for (const l of lists.values()) {
    const isTarget = [...lists.values()].some((o) => o.escalate?.to === l.name);
    // a list whose enter_on or enter_when is written but wrong has its error already: no second word about it
    const raw = obj(obj(doc.lists)[l.name]);
    if (l.enterOn.length + arr(raw.enter_on).length === 0 && !l.enterWhen && !raw.enter_when && !isTarget)
      p.warn(
        ['lists', l.name],
        'no enter_on, no enter_when and no escalation into it: nobody can ever be listed',
      );
  }

  const memoranda: Memorandum[] = [];
  arr(doc.memoranda).forEach((raw, i) => {
    const m = obj(raw);
    const links = obj(m.links);
    memoranda.push({
      id: str(m.id) ?? `memorandum-${i}`,
      fromDomains: arr(links.from_domains).map(String),
      toMeasures: arr(links.to_measures).map(String),
      legalBasis: str(m.legal_basis) ?? '',
    });
  });
  const measureNames = new Set(Object.keys(obj(doc.measures)));
  memoranda.forEach((m, i) => {
    m.toMeasures.forEach((name, j) => {
      if (!measureNames.has(name))
        p.warn(['memoranda', i, 'links', 'to_measures', j], `measure "${name}" is not in measures`);
    });
  });

  const measures = new Map<string, MeasureDef>();
  for (const [name, raw] of Object.entries(obj(doc.measures))) {
    const m = obj(raw);
    const path = ['measures', name];
    if (!NAME.test(name))
      p.add(path, 'measure names are lower_snake_case, optionally dotted (e.g. rail.high_speed)');
    const kind = (str(m.kind) ?? 'sanction') as MeasureDef['kind'];
    const { issues, ...when } = compiler.measure(dotted([...path, 'applies_when']), m.applies_when);
    for (const iss of issues) p.add([...path, 'applies_when'], iss.message);
    const max = durations([...path, 'max'], m.max, kind === 'sanction');
    if (kind === 'sanction') {
      finite([...path, 'max'], max);
      if (!en(m.legal_basis))
        p.add(
          [...path, 'legal_basis'],
          'a sanction needs a legal basis (nothing beyond law)',
          'rulebook.guardrail',
        );
    }
    const appliesTo = (arr(m.applies_to).length ? arr(m.applies_to) : ['organization', 'person']) as Bearer[];
    const domains = arr(m.domains).map(String);
    if (when.test) {
      measures.set(name, {
        name,
        kind,
        ...withTexts({ title: m.title, legalBasis: m.legal_basis }, name),
        appliesWhen: { source: String(m.applies_when), ...when, test: when.test },
        appliesTo,
        domains,
        ...(max ? { max } : {}),
      });
    }
  }

  const partial = { recordTypes, lists, memoranda } as const;
  for (const m of measures.values()) {
    if (m.kind !== 'sanction') continue;
    for (const row of proportionality(partial, m)) {
      if (!row.allowedBy) {
        p.add(
          ['measures', m.name, 'domains'],
          `sanction can be triggered through list "${row.list}" by ${row.recordType} (domain ${row.domain}), which is not in its domains and no memorandum links it`,
          'rulebook.proportionality',
        );
      }
    }
  }

  const pr = doc.propagation === undefined ? undefined : obj(doc.propagation);
  const objectionWindow = durations(['objection_window'], doc.objection_window ?? 'P30D', false);
  const reviewDeadline = durations(['review_deadline'], doc.review_deadline ?? 'P30D', false);
  if (p.issues.length > 0 || effectiveFrom === undefined || !objectionWindow || !reviewDeadline)
    return undefined;
  return {
    name: String(doc.rulebook),
    version: String(doc.version),
    hash,
    effectiveFrom,
    objectionWindow,
    reviewDeadline,
    scale: { base: scale.base ?? 0, min: scale.min ?? 0, max: scale.max ?? 0 },
    grades: grades.map((g) => ({ grade: g.grade, min: g.min })),
    recordTypes,
    rules,
    lists,
    listOrder,
    measures,
    memoranda,
    ...(pr
      ? {
          propagation: {
            branchToParent: typeof pr.branch_to_parent === 'number' ? pr.branch_to_parent : 0,
            onBehalfOf: typeof pr.on_behalf_of === 'number' ? pr.on_behalf_of : 0,
          },
        }
      : {}),
    source,
  };
}

/**
 * A rule whose condition starts `record.type == "X" &&` (or is just that) can only hold for records of type X:
 * the scorer then skips it for every other type without running it.
 */
function onlyForType(when: string): { onlyType?: string } {
  const m = /^\s*record\.type\s*==\s*"([^"\\]+)"\s*(&&|$)/.exec(when);
  return m?.[1] ? { onlyType: m[1] } : {};
}

/** history.count windows must be duration literals, so that they are checked here and their ends are known. */
function checkWindows(source: string, path: Path, p: Problems): Duration[] {
  const calls = (source.match(/\bcount\s*\(/g) ?? []).length;
  const literals = windowLiterals(source);
  if (literals.length < calls)
    p.add(
      path,
      'history.count needs its pattern and window as string literals, e.g. history.count("tax.*", "P1Y")',
    );
  const out: Duration[] = [];
  for (const w of literals) {
    const d = parseDuration(w);
    if (d.value) out.push(d.value);
    else p.add(path, `history.count window "${w}": ${d.issues[0]?.message ?? 'invalid duration'}`);
  }
  return out;
}

/** Escalation sources before their targets; a cycle is an error. */
function orderLists(lists: ReadonlyMap<string, ListDef>, p: Problems): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      p.add(['lists', name, 'escalate'], `escalation cycle: ${[...trail, name].join(' → ')}`);
      return;
    }
    state.set(name, 'visiting');
    for (const src of lists.values()) if (src.escalate?.to === name) visit(src.name, [...trail, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of lists.keys()) visit(name, []);
  return order;
}
