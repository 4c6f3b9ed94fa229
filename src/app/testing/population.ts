import { makeUsci } from '../../domain/usci.ts';
import type { Rulebook } from '../../rules/rulebook.model.ts';
import { simulatePopulation } from '../../sim/population.ts';
import { EVIDENCE } from './test-registry.ts';

export const PARENT = makeUsci('91350100', 'MA000001');
export const BRANCH = makeUsci('91350100', 'MA000002');
export const AGENT = '110101199003074514';

/**
 * A simulated population, plus a parent organization with a branch and an agent acting for it: the parent's file
 * holds its branch's and its agent's records, so a derivation reaches beyond the subject's own records.
 */
export function populationWithReach(
  rb: Rulebook,
  now: number,
  opts: { readonly subjects: number; readonly seed: number },
): Record<string, unknown>[] {
  return [
    ...simulatePopulation(rb, { ...opts, now }),
    { kind: 'source', id: 'tax-office', name: 'Tax office', domains: ['tax'] },
    { kind: 'person', national_id: AGENT, name: 'Li Na' },
    { kind: 'organization', usci: PARENT, name: 'Parent Co.' },
    { kind: 'organization', usci: BRANCH, name: 'Parent Co. Branch', parent: PARENT },
    ...['A1', 'A2'].map((id, i) => ({
      source: 'tax-office',
      id,
      subject: i === 0 ? BRANCH : AGENT,
      type: 'tax.evasion',
      occurred_at: '2026-03-01',
      legal_basis: 'Tax Collection Administration Law, art. 63',
      evidence: [EVIDENCE],
      ...(i === 1 ? { on_behalf_of: PARENT, culpability: 'knowledge' } : {}),
    })),
  ];
}
