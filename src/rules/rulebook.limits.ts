import { isAlias, isScalar, type LineCounter, parseDocument, visit, YAMLParseError } from 'yaml';
import type { Issue } from '../domain/errors.ts';

/**
 * What a rulebook text may cost to read. The default rulebook is ~58 kB with ~1,500 entries, no aliases and
 * 5 levels of nesting; the limits leave ample room for real rulebooks and refuse bombs before any parsing.
 */
export const YAML_LIMITS = {
  /** Characters of text. */
  chars: 1024 * 1024,
  /** Entries: mapping keys, flow separators and sequence items (an upper bound, counted on the raw text). */
  entries: 20_000,
  /** Nesting: flow brackets, or block indentation in columns / 2. */
  depth: 64,
  /**
   * Aliases (`*name` of an anchor `&name`): a rulebook needs none, a merge key (`<<: *base`) one each. Twenty
   * aliases expand to at most a few thousand nodes, however they are nested; a "billion laughs" needs more.
   */
  aliases: 20,
} as const;

/** The `yaml` package's own guard when converting (nodes an alias may stand for), behind the count above. */
export const MAX_ALIAS_EXPANSION = 100;

const issue = (code: string, message: string, line?: number): Issue =>
  line === undefined ? { path: '', message, code } : { path: '', message, code, line };

/**
 * One linear pass over the raw text, before the YAML parser sees it: refuses a text that is too long, has too
 * many entries or nests too deep. An upper bound (colons in quoted strings count too), so it never lets a bomb
 * through and the limits are set high enough not to refuse a real rulebook.
 */
export function prescanYaml(text: string, limits = YAML_LIMITS): Issue | undefined {
  if (text.length > limits.chars)
    return issue(
      'rulebook.too_large',
      `the rulebook is ${text.length} characters long; at most ${limits.chars} are read`,
    );
  let entries = 0;
  let flow = 0;
  let line = 1;
  let atLineStart = true;
  let indent = 0;
  let comment = false;
  let aliases = 0;
  const anchors = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      atLineStart = true;
      indent = 0;
      comment = false;
      continue;
    }
    if (comment) continue;
    if (atLineStart) {
      if (c === 32) {
        indent++;
        continue;
      }
      atLineStart = false;
      if (indent / 2 > limits.depth && c !== 35 && c !== 13)
        return issue(
          'rulebook.too_deep',
          `nesting deeper than ${limits.depth} levels (indented ${indent} columns)`,
          line,
        );
    }
    if (c === 35 && (i === 0 || isBlank(text.charCodeAt(i - 1)))) {
      comment = true;
      continue;
    }
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 10;
    if ((c === 38 || c === 42) && (i === 0 || isTokenStart(text.charCodeAt(i - 1)))) {
      let end = i + 1;
      while (end < text.length && !isBlank(text.charCodeAt(end)) && !isFlow(text.charCodeAt(end))) end++;
      const name = text.slice(i + 1, end);
      i = end - 1;
      if (c === 38) anchors.add(name);
      else if (anchors.has(name) && ++aliases > limits.aliases)
        return issue(
          'rulebook.alias_limit',
          `more than ${limits.aliases} aliases (*name); refused, as aliases can expand exponentially`,
          line,
        );
      continue;
    }
    if (c === 91 || c === 123) {
      if (++flow > limits.depth)
        return issue('rulebook.too_deep', `brackets nested deeper than ${limits.depth} levels`, line);
    } else if (c === 93 || c === 125) {
      if (flow > 0) flow--;
    } else if (c === 44 || (c === 58 && (isBlank(next) || next === 44 || next === 93 || next === 125))) {
      entries++;
    } else if (c === 45 && isBlank(next) && (i === 0 || isBlank(text.charCodeAt(i - 1)))) {
      entries++;
    } else continue;
    if (entries > limits.entries)
      return issue(
        'rulebook.too_many_keys',
        `more than ${limits.entries} keys and items; a rulebook needs far fewer`,
        line,
      );
  }
  return undefined;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** `,` `[` `]` `{` `}`: they end an anchor's name. */
function isFlow(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}

function isTokenStart(c: number): boolean {
  return isBlank(c) || c === 44 || c === 91 || c === 123;
}

/**
 * Parses a rulebook text in linear time. The `yaml` package's own `uniqueKeys` compares every key of a mapping
 * with every other (quadratic: 40,000 keys took a minute); duplicates are found here with one set per mapping.
 * Aliases are counted; the caller converts with `maxAliasCount` so that an alias bomb cannot expand.
 */
export function parseYamlLinear(text: string, lineCounter: LineCounter) {
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: true });
  if (doc.errors.length > 0) return { doc, aliasIssue: undefined };
  let aliases = 0;
  let aliasIssue: Issue | undefined;
  visit(doc, {
    Alias(_k, node) {
      if (++aliases > YAML_LIMITS.aliases) {
        const at = node.range?.[0];
        aliasIssue = issue(
          'rulebook.alias_limit',
          `more than ${YAML_LIMITS.aliases} aliases; aliases are refused beyond that (they can expand exponentially)`,
          at === undefined ? undefined : lineCounter.linePos(at).line,
        );
        return visit.BREAK;
      }
      return undefined;
    },
    Map(_k, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : isAlias(pair.key) ? undefined : pair.key;
        if (key === undefined || (typeof key === 'object' && key !== null)) continue;
        if (seen.has(key)) {
          const at = (pair.key as { range?: [number, number, number] }).range;
          const err = new YAMLParseError(
            at ? [at[0], at[1]] : [0, 1],
            'DUPLICATE_KEY',
            `Map keys must be unique (${String(key)})`,
          );
          if (at) err.linePos = [lineCounter.linePos(at[0])];
          doc.errors.push(err);
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return { doc, aliasIssue };
}

/** The codes of the issues above: a text refused for its cost, not its content. */
export const LIMIT_CODES: ReadonlySet<string> = new Set([
  'rulebook.too_large',
  'rulebook.too_many_keys',
  'rulebook.too_deep',
  'rulebook.alias_limit',
]);

/** A text already loaded once (a stored version) as plain data, parsed the same linear way. */
export function readYaml(text: string, lineCounter: LineCounter): unknown {
  return parseYamlLinear(text, lineCounter).doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
}
