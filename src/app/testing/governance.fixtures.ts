// Shared by the governance and replay tests: five organizations, the two sources that write about them, and a
// record line in their terms.
import { makeUsci } from '../../domain/usci.ts';
import { EVIDENCE } from './test-registry.ts';

export const ORGS = [0, 1, 2, 3, 4].map((i) => makeUsci('91350100', `MA${String(i).padStart(6, '0')}`));

export const subjects = [
  { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
  { kind: 'source', id: 'court', name: 'Court', domains: ['court'] },
  ...ORGS.map((u, i) => ({ kind: 'organization', usci: u, name: `Org ${i}` })),
];

/** A record line of `type` about `subject`, from the court for court types and the tax bureau otherwise. */
export const rec = (id: string, subject: string, type: string, at: string) => ({
  source: type.startsWith('court') ? 'court' : 'tax-bureau',
  id,
  subject,
  type,
  occurred_at: at,
  legal_basis: 'basis',
  evidence: [EVIDENCE],
});
