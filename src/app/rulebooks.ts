import { CredenceError, formatIssue } from '../domain/errors.ts';
import { type LoadResult, loadRulebook } from '../rules/rulebook.loader.ts';
import type { Rulebook } from '../rules/rulebook.model.ts';
import { RulebookSet } from '../rules/versions.ts';
import { audit } from './audit.ts';
import { type AppContext, sha256 } from './context.ts';
import type { Tx } from './ports.ts';

/** Loads a rulebook text; the hash of the text is the version's identity. */
export function checkRulebook(text: string): LoadResult {
  return loadRulebook(text, { hash: sha256(text) });
}

const compiled = new Map<string, Rulebook>();

/** The activated versions, compiled once per process and cached by hash. */
export async function activeRulebooks(tx: Tx): Promise<RulebookSet> {
  const rows = await tx.rulebooks();
  if (rows.length === 0)
    throw new CredenceError(
      'rulebook.none_active',
      'no rulebook has been activated in this registry (run credence init or credence rulebook activate)',
    );
  const versions = rows.map((row) => {
    let rb = compiled.get(row.hash);
    if (!rb) {
      const r = loadRulebook(row.source, { hash: row.hash });
      if (!r.value)
        throw new CredenceError(
          'rulebook.stored_invalid',
          `stored rulebook ${row.name} ${row.version} no longer loads: ${r.issues.map(formatIssue).join('; ')}`,
        );
      rb = r.value;
      compiled.set(row.hash, rb);
    }
    return rb;
  });
  return new RulebookSet(versions);
}

/** Activates a rulebook version: validated first, kept with its hash, who activated it and when. */
export async function activateRulebook(ctx: AppContext, text: string): Promise<Rulebook> {
  const r = checkRulebook(text);
  if (!r.value)
    throw new CredenceError('rulebook.invalid', `the rulebook has ${r.issues.length} problem(s)`, {
      issues: r.issues,
    });
  const rb = r.value;
  await ctx.store.transaction(async (tx) => {
    const existing = await tx.rulebooks();
    if (existing.some((e) => e.hash === rb.hash)) return;
    const clash = existing.find((e) => e.name === rb.name && e.version === rb.version);
    if (clash)
      throw new CredenceError(
        'rulebook.version_exists',
        `${rb.name} version ${rb.version} is already active with different content; give the new text a new version`,
      );
    await tx.insertRulebook({
      hash: rb.hash,
      name: rb.name,
      version: rb.version,
      effective_from: rb.effectiveFrom,
      source: text,
      activated_at: ctx.clock.now(),
      activated_by: ctx.actor,
    });
    await audit(tx, ctx, 'rulebook.activate', null, {
      name: rb.name,
      version: rb.version,
      hash: rb.hash,
      effective_from: rb.effectiveFrom,
    });
  });
  return rb;
}
