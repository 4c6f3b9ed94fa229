import { Environment } from '@marcbachmann/cel-js';
import type { Issue } from '../domain/errors.ts';
import { closureOf, type Schemas, type Scope } from './expressions.closures.ts';
import type {
  ConditionReads,
  HistoryView,
  MeasureCondition,
  RuleCondition,
  Sign,
  StateCondition,
} from './rulebook.model.ts';

/**
 * Conditions are CEL (Common Expression Language) run by @marcbachmann/cel-js: no eval, no loops, typed.
 * Numeric convention: `score`, points and `history.count(...)` are CEL `int`; `record.amount` is `double`.
 * Expressions are type-checked against these environments when the rulebook loads, so a misspelled field
 * or a non-boolean condition is a load error, not a runtime surprise.
 */

class History {
  constructor(readonly view: HistoryView) {}
}

const SUBJECT_SCHEMA = { kind: 'string', sector: 'string', region: 'string' } as const;
const RECORD_SCHEMA = {
  type: 'string',
  domain: 'string',
  severity: 'string',
  amount: 'double',
  has_amount: 'bool',
  source: 'string',
  culpability: 'string',
} as const;

function withHistory(env: Environment): Environment {
  const count = (h: History, pattern: string, window: string, sign?: string) =>
    BigInt(h.view.count(pattern, window, sign as Sign | undefined));
  return env
    .registerType('History', { ctor: History, fields: {} })
    .registerVariable('history', 'History')
    .registerFunction({
      name: 'count',
      receiverType: 'History',
      returnType: 'int',
      params: [
        { name: 'pattern', type: 'string' },
        { name: 'window', type: 'string' },
      ],
      handler: (h: History, p: string, w: string) => count(h, p, w),
    })
    .registerFunction({
      name: 'count',
      receiverType: 'History',
      returnType: 'int',
      params: [
        { name: 'pattern', type: 'string' },
        { name: 'window', type: 'string' },
        { name: 'sign', type: 'string' },
      ],
      handler: (h: History, p: string, w: string, s: string) => count(h, p, w, s),
    });
}

const LIMITS = {
  maxAstNodes: 500,
  maxDepth: 40,
  maxListElements: 200,
  maxMapEntries: 50,
  maxCallArguments: 4,
};

function ruleEnv(): Environment {
  return withHistory(
    new Environment({ limits: LIMITS })
      .registerVariable({ name: 'record', schema: RECORD_SCHEMA })
      .registerVariable({ name: 'subject', schema: SUBJECT_SCHEMA }),
  );
}

function stateEnv(): Environment {
  return withHistory(
    new Environment({ limits: LIMITS })
      .registerVariable('score', 'int')
      .registerVariable('grade', 'string')
      .registerVariable({ name: 'subject', schema: SUBJECT_SCHEMA }),
  );
}

function measureEnv(listNames: readonly string[]): Environment {
  const lists: Record<string, string> = {};
  for (const n of listNames) lists[n] = 'bool';
  const env = new Environment({ limits: LIMITS })
    .registerVariable('score', 'int')
    .registerVariable('grade', 'string')
    .registerVariable({ name: 'subject', schema: SUBJECT_SCHEMA });
  return env.registerVariable({ name: 'lists', schema: lists });
}

export interface Compiler {
  rule(path: string, source: unknown): { test?: RuleCondition; issues: Issue[] };
  state(path: string, source: unknown): { test?: StateCondition; windows: string[]; issues: Issue[] };
  measure(
    path: string,
    source: unknown,
  ): { test?: MeasureCondition; lists: string[]; usesState: boolean; reads: ConditionReads; issues: Issue[] };
}

type Parsed = ((ctx: Record<string, unknown>) => unknown) & {
  check(): { valid: boolean; type?: string; error?: Error };
  readonly ast: unknown;
};

type Fast = ((s: Scope) => boolean) | undefined;

/**
 * A condition's test: its closure where it has one (see expressions.closures.ts), cel-js where it has none or
 * where the closure cannot answer, so that the answer, or the failure, is always cel-js's.
 */
function tested<C extends Scope>(fast: Fast, cel: (ctx: C) => boolean): (ctx: C) => boolean {
  if (!fast) return cel;
  return (ctx) => {
    try {
      return fast(ctx);
    } catch {
      return cel(ctx);
    }
  };
}

function compile(env: Environment, path: string, source: unknown): { fn?: Parsed; issues: Issue[] } {
  if (typeof source !== 'string' || source.trim() === '') {
    return { issues: [{ path, message: 'expected a CEL condition (a non-empty string)' }] };
  }
  let fn: Parsed;
  try {
    fn = env.parse(source) as unknown as Parsed;
  } catch (e) {
    return { issues: [{ path, message: `cannot parse condition: ${firstLine(e)}` }] };
  }
  // checked on the tree it runs: the types cel-js finds are the ones the closure is translated with
  const checked = fn.check();
  if (!checked.valid)
    return { issues: [{ path, message: `invalid condition: ${firstLine(checked.error)}` }] };
  if (checked.type !== 'bool')
    return { issues: [{ path, message: `condition must be true or false, but it gives ${checked.type}` }] };
  return { fn, issues: [] };
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}

/** Duration literals passed to history.count: the windows after which a list condition may change. */
export function windowLiterals(source: string): string[] {
  return [...source.matchAll(/count\s*\(\s*"[^"]*"\s*,\s*"([^"]+)"/g)].map((m) => m[1] ?? '');
}

/** The fields of the variables that are objects, for the closures: a measure's lists are bools. */
function schemasOf(kind: 'rule' | 'state' | 'measure', listNames: readonly string[]): Schemas {
  if (kind === 'rule') return { record: RECORD_SCHEMA, subject: SUBJECT_SCHEMA };
  if (kind === 'state') return { subject: SUBJECT_SCHEMA };
  const lists: Record<string, string> = {};
  for (const n of listNames) lists[n] = 'bool';
  return { subject: SUBJECT_SCHEMA, lists };
}

/** A state's or a measure's score becomes a BigInt whether or not the condition reads it. */
const checkedOf = (kind: 'rule' | 'state' | 'measure') => (kind === 'rule' ? [] : ['score']);

/**
 * Builds the CEL environments of one rulebook version; `listNames` types `lists.NAME` in measures. Conditions
 * run as closures where they can (`closures: false` runs every one through cel-js, to compare the two).
 */
export function makeCompiler(listNames: readonly string[], opts: { closures?: boolean } = {}): Compiler {
  const r = ruleEnv();
  const s = stateEnv();
  const m = measureEnv(listNames);
  const closure = (fn: Parsed, kind: 'rule' | 'state' | 'measure'): Fast =>
    opts.closures === false ? undefined : closureOf(fn.ast, schemasOf(kind, listNames), checkedOf(kind));
  return {
    rule(path, source) {
      const { fn, issues } = compile(r, path, source);
      if (!fn) return { issues };
      return {
        issues,
        test: tested(
          closure(fn, 'rule'),
          (ctx) =>
            fn({ record: ctx.record, subject: ctx.subject, history: new History(ctx.history) }) === true,
        ),
      };
    },
    state(path, source) {
      const { fn, issues } = compile(s, path, source);
      if (!fn) return { issues, windows: [] };
      return {
        issues,
        windows: windowLiterals(source as string),
        test: tested(
          closure(fn, 'state'),
          (ctx) =>
            fn({
              score: BigInt(ctx.score),
              grade: ctx.grade,
              subject: ctx.subject,
              history: new History(ctx.history),
            }) === true,
        ),
      };
    },
    measure(path, source) {
      const { fn, issues } = compile(m, path, source);
      if (!fn)
        return { issues, lists: [], usesState: false, reads: { score: false, grade: false, subject: false } };
      const referenced = listNames.filter((n) =>
        new RegExp(`\\blists\\s*\\.\\s*${n}\\b`).test(source as string),
      );
      const reads = {
        score: /\bscore\b/.test(source as string),
        grade: /\bgrade\b/.test(source as string),
        subject: /\bsubject\b/.test(source as string),
      };
      return {
        issues,
        lists: referenced,
        usesState: reads.score || reads.grade,
        reads,
        test: tested(
          closure(fn, 'measure'),
          (ctx) =>
            fn({ score: BigInt(ctx.score), grade: ctx.grade, subject: ctx.subject, lists: ctx.lists }) ===
            true,
        ),
      };
    },
  };
}

/** The closure a condition of this kind runs as, or undefined when cel-js runs it (to test the translation). */
export function closureFor(
  kind: 'rule' | 'state' | 'measure',
  source: string,
  listNames: readonly string[] = [],
): ((s: Scope) => boolean) | undefined {
  const env = kind === 'rule' ? ruleEnv() : kind === 'state' ? stateEnv() : measureEnv(listNames);
  const { fn } = compile(env, kind, source);
  return fn ? closureOf(fn.ast, schemasOf(kind, listNames), checkedOf(kind)) : undefined;
}
