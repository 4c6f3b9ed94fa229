/**
 * Conditions as plain closures: the checked CEL syntax tree of a condition translated, once per rulebook version,
 * into JavaScript functions over the values the registry already holds (a score as a number, facts as plain
 * objects), with the meaning cel-js gives them. Only a subset is translated (literals, variables, fields, `has`,
 * comparisons, arithmetic, `&&` `||` `!`, `?:`, `in` a list literal, `history.count`); a condition outside it
 * has no closure and cel-js runs it.
 *
 * A closure answers only when it is sure: whenever cel-js would fail, or might answer otherwise (an int beyond
 * 2^53, an input of an unexpected type), it throws, and the caller asks cel-js, whose answer or error stands.
 * Errors inside `&&` and `||` are absorbed as cel-js absorbs them (`error && false` is false).
 */

/** Thrown when a closure cannot tell what cel-js would answer: the caller must ask cel-js. */
class Unsure extends Error {}
/** A failure cel-js would raise too (a missing field, a division by zero, a type mismatch). */
class Fault extends Error {}

const UNSURE = new Unsure('outside the translated subset');
const FAULT = new Fault('evaluation error');

/** The values a condition reads: a score as a number, facts and lists as plain objects. */
export interface Scope {
  readonly score?: unknown;
  readonly grade?: unknown;
  readonly record?: unknown;
  readonly subject?: unknown;
  readonly lists?: unknown;
  readonly history?: unknown;
}

type Value = number | string | boolean;
type Fn = (s: Scope) => Value;
/** Field types of the variables that are objects (record, subject, lists). */
export type Schemas = Readonly<Record<string, Readonly<Record<string, string>>>>;
type Prim = 'int' | 'double' | 'string' | 'bool';

interface Node {
  readonly op: string;
  readonly args: unknown;
  readonly checkedType?: { readonly name: string };
  readonly meta?: { readonly macro?: unknown };
}

const PRIMS = new Set<string>(['int', 'double', 'string', 'bool']);
const JS_TYPE: Record<string, string> = { double: 'number', string: 'string', bool: 'boolean' };

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && typeof (x as Node).op === 'string';
}

function typeOf(n: Node): Prim | undefined {
  const t = n.checkedType?.name;
  return t !== undefined && PRIMS.has(t) ? (t as Prim) : undefined;
}

/** A plain object, as cel-js converts a context value for a schema type (anything else: ask cel-js). */
function plain(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null) throw UNSURE;
  const p = Object.getPrototypeOf(v);
  if (p !== Object.prototype && p !== null) throw UNSURE;
  return v as Record<string, unknown>;
}

function int(n: number): number {
  if (!Number.isSafeInteger(n)) throw UNSURE; // cel-js counts in 64 bits: let it decide
  return n;
}

/** What makes a closure: undefined when the node is outside the subset. */
type Make = (n: Node) => Fn | undefined;

function variable(n: Node): Fn | undefined {
  const name = n.args;
  const t = typeOf(n);
  if (name === 'score' && t === 'int') return (s) => s.score as number;
  if (name === 'grade' && t === 'string') return (s) => s.grade as string;
  return undefined;
}

/** `obj.field` on a schema variable: a missing field or a value of another type fails as in cel-js. */
function field(n: Node, schemas: Schemas): Fn | undefined {
  const [left, key] = n.args as [Node, string];
  if (!isNode(left) || left.op !== 'id' || typeof key !== 'string') return undefined;
  const name = left.args as keyof Scope;
  const want = schemas[name as string]?.[key];
  if (want === undefined || want !== n.checkedType?.name) return undefined;
  const js = JS_TYPE[want];
  if (js === undefined) return undefined;
  return (s) => {
    const v = plain(s[name])[key];
    if (v === undefined || typeof v !== js) throw FAULT;
    return v as Value;
  };
}

/** `has(obj.field)`: false when the field is absent; a value of another type fails as in cel-js. */
function has(n: Node, schemas: Schemas): Fn | undefined {
  const arg = (n.args as [string, Node[]])[1]?.[0];
  if (!isNode(arg) || arg.op !== '.') return undefined;
  const [left, key] = arg.args as [Node, string];
  if (!isNode(left) || left.op !== 'id' || typeof key !== 'string') return undefined;
  const name = left.args as keyof Scope;
  const want = schemas[name as string]?.[key];
  const js = want === undefined ? undefined : JS_TYPE[want];
  if (js === undefined) return undefined;
  return (s) => {
    const v = plain(s[name])[key];
    if (v === undefined) return false;
    if (typeof v !== js) throw FAULT;
    return true;
  };
}

/** `history.count(pattern, window[, sign])`: the registry's count, an int. */
function count(n: Node, make: Make): Fn | undefined {
  const [name, receiver, args] = n.args as [string, Node, Node[]];
  if (name !== 'count' || !isNode(receiver) || receiver.op !== 'id' || receiver.args !== 'history')
    return undefined;
  if (!Array.isArray(args) || args.length < 2 || args.length > 3) return undefined;
  if (!args.every((a) => isNode(a) && typeOf(a) === 'string')) return undefined;
  const [p, w, g] = args.map(make);
  if (!p || !w || (args.length === 3 && !g)) return undefined;
  return (s) => {
    const h = s.history as { count(p: string, w: string, sign?: string): number };
    // cel-js evaluates the arguments last to first: only the order of failures could tell, and failures ask it
    const sign = g ? (g(s) as string) : undefined;
    const window = w(s) as string;
    const pattern = p(s) as string;
    let c: number;
    try {
      c = h.count(pattern, window, sign);
    } catch {
      throw FAULT;
    }
    if (!Number.isSafeInteger(c)) throw UNSURE;
    return c;
  };
}

function literal(n: Node): Fn | undefined {
  const v = n.args;
  const t = typeOf(n);
  if (t === 'int' && typeof v === 'bigint') {
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) return undefined;
    const x = Number(v);
    return () => x;
  }
  if ((t === 'double' && typeof v === 'number') || (t === 'string' && typeof v === 'string')) return () => v;
  if (t === 'bool' && typeof v === 'boolean') return () => v;
  return undefined;
}

/** `a && b`, `a || b`: the left side's failure is forgotten when the right side decides (cel-js's tryEval). */
function logical(n: Node, make: Make, and: boolean): Fn | undefined {
  const [ln, rn] = n.args as [Node, Node];
  if (typeOf(ln) !== 'bool' || typeOf(rn) !== 'bool') return undefined;
  const l = make(ln);
  const r = make(rn);
  if (!l || !r) return undefined;
  const stop = !and;
  return (s) => {
    let left: Value | undefined;
    try {
      left = l(s);
    } catch (e) {
      if (e instanceof Unsure) throw e;
      // cel-js: a failed left side loses to a deciding right side, and wins over any other
      if (r(s) === stop) return stop;
      throw FAULT;
    }
    if (left === stop) return stop;
    return r(s);
  };
}

function unary(n: Node, make: Make): Fn | undefined {
  const a = n.args as Node;
  const t = isNode(a) ? typeOf(a) : undefined;
  const f = isNode(a) ? make(a) : undefined;
  if (!f || t !== typeOf(n)) return undefined;
  if (n.op === '!_' && t === 'bool') return (s) => !f(s);
  if (n.op === '-_' && (t === 'int' || t === 'double')) return (s) => -(f(s) as number);
  return undefined;
}

function ternary(n: Node, make: Make): Fn | undefined {
  const [cn, an, bn] = n.args as [Node, Node, Node];
  if (typeOf(cn) !== 'bool' || !typeOf(an) || typeOf(an) !== typeOf(bn)) return undefined;
  const [c, a, b] = [make(cn), make(an), make(bn)];
  if (!c || !a || !b) return undefined;
  return (s) => (c(s) ? a(s) : b(s));
}

/** `x in [a, b, …]`: every element is evaluated, as cel-js builds the list before it looks. */
function member(n: Node, make: Make): Fn | undefined {
  const [xn, listNode] = n.args as [Node, Node];
  const t = typeOf(xn);
  if (!t || !isNode(listNode) || listNode.op !== 'list' || !Array.isArray(listNode.args)) return undefined;
  const items = listNode.args as Node[];
  if (items.length === 0 || !items.every((i) => isNode(i) && typeOf(i) === t)) return undefined;
  const x = make(xn);
  const fs = items.map(make);
  if (!x || fs.some((f) => !f)) return undefined;
  const all = fs as Fn[];
  return (s) => {
    const v = x(s);
    let found = false;
    for (let i = all.length - 1; i >= 0; i--) if ((all[i] as Fn)(s) === v) found = true;
    return found;
  };
}

const COMPARE: Record<string, (a: Value, b: Value) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

function binary(n: Node, make: Make): Fn | undefined {
  const [ln, rn] = n.args as [Node, Node];
  const lt = isNode(ln) ? typeOf(ln) : undefined;
  const rt = isNode(rn) ? typeOf(rn) : undefined;
  if (!lt || !rt) return undefined;
  const l = make(ln);
  const r = make(rn);
  if (!l || !r) return undefined;
  const numeric = (lt === 'int' || lt === 'double') && (rt === 'int' || rt === 'double');
  const cmp = COMPARE[n.op];
  if (cmp) {
    // cel-js orders int against double exactly, as JavaScript compares a safe integer with a double
    if (n.op === '==' || n.op === '!=' ? lt !== rt : lt !== rt && !numeric) return undefined;
    return (s) => cmp(l(s), r(s));
  }
  if (lt !== rt || typeOf(n) !== lt) return undefined;
  if (lt === 'string' && n.op === '+') return (s) => (l(s) as string) + (r(s) as string);
  if (lt === 'double') {
    if (n.op === '+') return (s) => (l(s) as number) + (r(s) as number);
    if (n.op === '-') return (s) => (l(s) as number) - (r(s) as number);
    if (n.op === '*') return (s) => (l(s) as number) * (r(s) as number);
    if (n.op === '/') return (s) => (l(s) as number) / (r(s) as number);
    return undefined;
  }
  if (lt !== 'int') return undefined;
  if (n.op === '+') return (s) => int((l(s) as number) + (r(s) as number));
  if (n.op === '-') return (s) => int((l(s) as number) - (r(s) as number));
  if (n.op === '*') return (s) => int((l(s) as number) * (r(s) as number));
  if (n.op === '/' || n.op === '%') {
    const div = n.op === '/';
    return (s) => {
      const a = l(s) as number;
      const b = r(s) as number;
      if (b === 0) throw FAULT;
      const rem = a % b; // exact for safe integers, with the dividend's sign as in BigInt
      return div ? (a - rem) / b : rem;
    };
  }
  return undefined;
}

const BINARY = new Set(['<', '<=', '>', '>=', '==', '!=', '+', '-', '*', '/', '%']);

/**
 * The closure of a checked condition (its tree after cel-js's check), or undefined when some part of it is
 * outside the subset. `schemas` gives the fields of the variables that are objects. A scope with a score that is
 * not a safe integer, a grade that is not a string or facts that are not plain objects is answered by cel-js.
 * `checked` names the variables checked whether or not the condition reads them (the score, which the registry
 * turns into a BigInt before cel-js runs, failing on a fraction).
 */
export function closureOf(
  root: unknown,
  schemas: Schemas,
  checked: readonly string[] = [],
): ((s: Scope) => boolean) | undefined {
  const used = new Set<string>(checked);
  const make: Make = (n) => {
    if (!isNode(n) || n.meta === undefined) return undefined;
    switch (n.op) {
      case 'value':
        return literal(n);
      case 'id':
        if (typeof n.args === 'string') used.add(n.args);
        return variable(n);
      case '.':
        return field(n, schemas);
      case 'call':
        return (n.args as unknown[])[0] === 'has' && n.meta.macro ? has(n, schemas) : undefined;
      case 'rcall':
        return count(n, make);
      case '&&':
        return logical(n, make, true);
      case '||':
        return logical(n, make, false);
      case '!_':
      case '-_':
        return unary(n, make);
      case '?:':
        return ternary(n, make);
      case 'in':
        return member(n, make);
      default:
        return BINARY.has(n.op) ? binary(n, make) : undefined;
    }
  };
  if (!isNode(root) || typeOf(root) !== 'bool') return undefined;
  const body = make(root);
  if (!body) return undefined;
  const needScore = used.has('score');
  const needGrade = used.has('grade');
  return (s) => {
    if (needScore && !Number.isSafeInteger(s.score)) throw UNSURE;
    if (needGrade && typeof s.grade !== 'string') throw UNSURE;
    return body(s) === true;
  };
}
