import { LineCounter } from 'yaml';
import { compileDocument } from './rulebook.compile.ts';
import { MAX_ALIAS_EXPANSION, parseYamlLinear } from './rulebook.limits.ts';
import type { Rulebook } from './rulebook.model.ts';
import { type Doc, Problems } from './rulebook.problems.ts';

/*
 * A rulebook that `loadRulebook` has already loaded (an active version) compiled again in another thread: the
 * thread that has it parses its text into plain data once, and each worker compiles that document as the loader
 * did, without parsing or validating it again (no schema validator to load), so that a worker starts fast.
 */

/** The parsed document of a rulebook text already loaded: plain data, to send to a worker. */
export function loadedDocument(text: string): unknown {
  return parseYamlLinear(text, new LineCounter()).doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
}

/** Compiles a document from `loadedDocument`; throws if it does not compile after all. */
export function compileLoaded(doc: unknown, hash: string, text: string): Rulebook {
  const p = new Problems(null, new LineCounter());
  const rb = compileDocument(doc as Doc, p, hash, text);
  if (!rb || p.issues.length > 0)
    throw new Error(
      `rulebook ${hash.slice(0, 12)} does not compile: ${p.issues.map((i) => i.message).join('; ')}`,
    );
  return rb;
}
