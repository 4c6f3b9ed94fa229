import { Errors } from 'typebox/schema';
import { Settings } from 'typebox/system';
import { LineCounter } from 'yaml';
import type { Issue } from '../domain/errors.ts';
import { compileDocument } from './rulebook.compile.ts';
import { MAX_ALIAS_EXPANSION, parseYamlLinear, prescanYaml } from './rulebook.limits.ts';
import type { Rulebook } from './rulebook.model.ts';
import { checkPolicy } from './rulebook.policy.ts';
import { type Doc, Problems } from './rulebook.problems.ts';
// the document's shape as plain JSON Schema (built from rulebook.schema.ts): checking it needs typebox's schema
// engine only, not its type builder, which would add about a quarter of a second to every command's start
import { RULEBOOK_SCHEMA } from './rulebook.schema.generated.ts';

export { type ProportionalityRow, proportionality } from './proportionality.ts';
export { REPAIR_MATERIALS } from './rulebook.compile.ts';

/** Result of loading a rulebook: the compiled version, or every problem at once. Warnings never block. */
export interface LoadResult {
  readonly value?: Rulebook;
  readonly issues: readonly Issue[];
  readonly warnings: readonly Issue[];
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  integer: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

function allErrors(doc: unknown) {
  // typebox stops at 8 errors by default; a loader must report every problem at once
  const before = Settings.Get().maxErrors;
  Settings.Set({ maxErrors: 10_000 });
  try {
    return Errors({}, RULEBOOK_SCHEMA, doc)[1];
  } finally {
    Settings.Set({ maxErrors: before });
  }
}

function structuralIssues(doc: unknown, p: Problems): void {
  const seen = new Set<string>();
  for (const e of allErrors(doc)) {
    if (e.schemaPath.includes('/anyOf/') || e.keyword === 'boolean') continue;
    const path: string[] =
      e.instancePath === ''
        ? []
        : e.instancePath
            .slice(1)
            .split('/')
            .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const params = e.params as Record<string, unknown>;
    const emit = (at: string[], msg: string) => {
      const k = `${at.join('\u0000')}|${msg}`;
      if (!seen.has(k)) {
        seen.add(k);
        p.add(at, msg);
      }
    };
    switch (e.keyword) {
      case 'required':
        for (const r of (params.requiredProperties as string[]) ?? []) emit([...path, r], 'is required');
        break;
      case 'additionalProperties':
        for (const r of (params.additionalProperties as string[]) ?? []) emit([...path, r], 'unknown field');
        break;
      case 'enum':
        emit(path, `expected one of ${(params.allowedValues as unknown[]).join(', ')}`);
        break;
      case 'type':
        emit(path, `expected ${TYPE_WORDS[String(params.type)] ?? String(params.type)}`);
        break;
      case 'anyOf':
        emit(path, 'has the wrong form');
        break;
      default:
        emit(path, e.message);
    }
  }
}

/** The YAML parser's first line, without its own "at line L, column C:" (the line is reported beside it). */
function yamlMessage(m: string): string {
  const first = m.split('\n')[0] ?? m;
  const at = / at line \d+, column (\d+):?$/.exec(first);
  return at ? `${first.slice(0, at.index)} (column ${at[1]})` : first;
}

/** Policy findings that inform but never block. */
const ADVISORY = new Set([
  'rulebook.legal_basis.missing',
  'rulebook.legal_basis.whole_memorandum',
  'rulebook.publication.unused',
]);

/**
 * Loads, validates and compiles a rulebook from its YAML text. `hash` identifies the version (sha-256 of the text).
 * `stored`: the text is a version already activated in a registry; guardrails added since then (legal-basis
 * citations, the domain catalogue, publication tiers) are reported as warnings so that its history still replays,
 * while a new activation must meet them.
 */
export function loadRulebook(text: string, opts: { hash: string; stored?: boolean }): LoadResult {
  const bomb = prescanYaml(text);
  if (bomb) return { issues: [bomb], warnings: [] };
  const lines = new LineCounter();
  const { doc: yamlDoc, aliasIssue } = parseYamlLinear(text, lines);
  if (aliasIssue) return { issues: [aliasIssue], warnings: [] };
  const p = new Problems(yamlDoc.contents, lines);
  for (const e of yamlDoc.errors) {
    const line = e.linePos?.[0]?.line;
    p.issues.push(
      line === undefined
        ? { path: '', message: yamlMessage(e.message) }
        : { path: '', message: yamlMessage(e.message), line },
    );
  }
  if (yamlDoc.errors.length > 0) return { issues: p.issues, warnings: [] };
  let doc: unknown;
  try {
    doc = yamlDoc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (e) {
    // the yaml package refuses an alias expansion beyond maxAliasCount (a "billion laughs")
    const message = `aliases expand too far: ${e instanceof Error ? e.message : String(e)}`;
    return { issues: [{ path: '', message, code: 'rulebook.alias_limit' }], warnings: [] };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return {
      issues: [
        {
          path: '',
          message:
            'expected a YAML mapping with rulebook, version, effective_from, scale, grades and record_types',
        },
      ],
      warnings: [],
    };
  }
  structuralIssues(doc, p);
  checkPolicy(doc as Doc, (path, message, code) => {
    if (opts.stored || ADVISORY.has(code)) p.warn(path, message);
    else p.add(path, message, code);
  });
  const structurallyOk = p.issues.length === 0;
  const rb = compileDocument(doc as Doc, p, opts.hash, text);
  if (!structurallyOk || p.issues.length > 0 || !rb) return { issues: p.issues, warnings: p.warnings };
  return { value: rb, issues: [], warnings: p.warnings };
}
