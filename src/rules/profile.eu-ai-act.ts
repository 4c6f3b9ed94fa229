import { domainEntry } from './domains.ts';
import { type ProportionalityRow, proportionality } from './proportionality.ts';
import type { Bearer, MeasureDef, Rulebook } from './rulebook.model.ts';

/**
 * The EU AI Act's ban on social scoring (Art. 5(1)(c), recital 31) read as a check on a rulebook, sanction by
 * sanction. A sanction that can reach a natural person is an evaluation or classification of persons (C1) over
 * time on their recorded conduct (C2) with a detrimental consequence (C3). It is prohibited when, in addition,
 * the consequence falls in a context unrelated to where the data arose (C4) or is disproportionate to the
 * gravity of the conduct (C5). C4 is found where the rulebook itself links contexts: a memorandum carrying one
 * domain's records into the sanction, or a score-based list (or a condition on score or grade) pooling records
 * from domains other than the sanction's own. C5 is found where a `minor` record type can ground it.
 */

export interface Criterion {
  readonly holds: boolean;
  readonly why: string;
}

/** One link of the rulebook that makes a criterion hold, named by its path. */
export interface OffendingLink {
  readonly criterion: 'C4' | 'C5';
  readonly path: string;
  readonly recordType: string;
}

export interface SanctionVerdict {
  readonly measure: string;
  /** The natural persons who can bear it. */
  readonly persons: readonly Bearer[];
  readonly c1: Criterion;
  readonly c2: Criterion;
  readonly c3: Criterion;
  readonly c4: Criterion;
  readonly c5: Criterion;
  readonly links: readonly OffendingLink[];
  readonly prohibited: boolean;
}

export interface EuProfile {
  readonly sanctions: readonly SanctionVerdict[];
  /** Sanctions that reach organizations only: outside Art. 5(1)(c), listed so that nothing is silently skipped. */
  readonly organizationsOnly: readonly string[];
  readonly prohibited: boolean;
}

const PERSON_BEARERS: readonly Bearer[] = ['person', 'legal_representative', 'actual_controller'];
const USES_STATE = /\b(score|grade)\b/;

/** The domain a sanction itself belongs to: its name's first part when that is a catalogue domain, else its only declared one. */
function ownDomains(m: MeasureDef): readonly string[] {
  const head = m.name.split('.')[0] ?? '';
  if (domainEntry(head)) return [head];
  return m.domains.length === 1 ? m.domains : [];
}

/** Whether a record of this type can bring the sanction onto a natural person through one of its bearers. */
function reachesPerson(rb: Rulebook, row: ProportionalityRow, persons: readonly Bearer[]): boolean {
  const kinds = rb.recordTypes.get(row.recordType)?.subjects ?? [];
  if (persons.includes('person') && kinds.includes('person')) return true;
  const viaOrg = persons.includes('legal_representative') || persons.includes('actual_controller');
  return viaOrg && kinds.includes('organization');
}

export function euAiActProfile(rb: Rulebook): EuProfile {
  const sanctions: SanctionVerdict[] = [];
  const organizationsOnly: string[] = [];
  const scoreBased = (list: string, seen = new Set<string>()): string | undefined => {
    if (seen.has(list)) return undefined;
    seen.add(list);
    const l = rb.lists.get(list);
    if (l?.enterWhen && USES_STATE.test(l.enterWhen.source)) return `lists.${list} (${l.enterWhen.source})`;
    for (const src of rb.lists.values())
      if (src.escalate?.to === list) {
        const found = scoreBased(src.name, seen);
        if (found) return found;
      }
    return undefined;
  };
  for (const m of rb.measures.values()) {
    if (m.kind !== 'sanction') continue;
    const persons = m.appliesTo.filter((b) => PERSON_BEARERS.includes(b));
    if (persons.length === 0) {
      organizationsOnly.push(m.name);
      continue;
    }
    const rows = proportionality(rb, m).filter((r) => reachesPerson(rb, r, persons));
    const own = ownDomains(m);
    const links: OffendingLink[] = [];
    const seen = new Set<string>();
    const add = (l: OffendingLink) => {
      if (seen.has(l.path)) return;
      seen.add(l.path);
      links.push(l);
    };
    for (const row of rows) {
      rb.memoranda.forEach((memo, i) => {
        if (memo.toMeasures.includes(m.name) && memo.fromDomains.includes(row.domain))
          add({
            criterion: 'C4',
            path: `memoranda[${i}] ${memo.id}: ${row.domain} → ${m.name}`,
            recordType: row.recordType,
          });
      });
      const pooled =
        row.list === '(score or grade)'
          ? `measures.${m.name}.applies_when (${m.appliesWhen.source})`
          : scoreBased(row.list);
      if (pooled && !own.includes(row.domain))
        add({ criterion: 'C4', path: `${pooled}: ${row.domain} → ${m.name}`, recordType: row.recordType });
      if (rb.recordTypes.get(row.recordType)?.severity === 'minor')
        add({
          criterion: 'C5',
          path: `record_types.${row.recordType} (minor) → ${row.list === '(score or grade)' ? 'score or grade' : `lists.${row.list}`} → ${m.name}`,
          recordType: row.recordType,
        });
    }
    const c4 = links.filter((l) => l.criterion === 'C4');
    const c5 = links.filter((l) => l.criterion === 'C5');
    const verdict = {
      c1: {
        holds: true,
        why: `natural persons are classified: it reaches ${persons.join(', ')}`,
      },
      c2: {
        holds: rows.length > 0,
        why:
          rows.length > 0
            ? `on recorded conduct over time: ${new Set(rows.map((r) => r.recordType)).size} record type(s) can ground it`
            : 'no record can bring it onto a person',
      },
      c3: { holds: true, why: 'a sanction is a detrimental treatment' },
      c4: {
        holds: c4.length > 0,
        why:
          c4.length > 0
            ? `${c4.length} link(s) carry data into an unrelated context`
            : 'no cross-context link',
      },
      c5: {
        holds: c5.length > 0,
        why:
          c5.length > 0 ? `${c5.length} minor record type(s) can ground it` : 'no minor record can ground it',
      },
    };
    sanctions.push({
      measure: m.name,
      persons,
      ...verdict,
      links,
      prohibited:
        verdict.c1.holds && verdict.c2.holds && verdict.c3.holds && (verdict.c4.holds || verdict.c5.holds),
    });
  }
  return { sanctions, organizationsOnly, prohibited: sanctions.some((s) => s.prohibited) };
}
