import type { ListEntry } from '../../rules/lists.ts';
import { answerFromSpans, bearerAnswer, bears, type MeasureSpan } from '../../rules/measures.ts';
import type { MeasureDef } from '../../rules/rulebook.model.ts';
import type { RulebookSet } from '../../rules/versions.ts';
import type { RelationSpan, SubjectRow } from '../ports/ports.store.ts';

/** What an answer is computed from: a holder's list entries and measure spans (a stored projection). */
export interface AnswerState {
  readonly entries: readonly ListEntry[];
  readonly spans: readonly MeasureSpan[];
}

/** Whose state can bring a measure to a subject: itself, or an organization through a role held over a span. */
export interface Holder {
  readonly id: number;
  readonly via: string;
  /** For a role: when the person held it (a person bears an organization's measure only then). */
  readonly from?: number;
  readonly to?: number | null;
}

/** The answer over every holder whose state can bring the measure to the subject; an open end wins. */
export function combineAnswers(
  holders: readonly Holder[],
  states: ReadonlyMap<number, AnswerState>,
  measure: string,
  lists: readonly string[],
  when: number,
  versions?: RulebookSet,
): { applies: boolean; until: number | null; decisions: string[] } {
  const answers = holders
    .map((h) => {
      const state = states.get(h.id) ?? { entries: [], spans: [] };
      const a = answerFromSpans(state.spans, state.entries, measure, lists, when, h.via);
      if (h.via === 'self' || h.from === undefined || !versions) return a;
      // a person bears it only while in the role, and after its own notice if appointed after the warning
      const role = { role: h.via, from: h.from, to: h.to ?? Number.POSITIVE_INFINITY };
      return bearerAnswer(
        a,
        state.entries,
        role,
        (e) => versions.at(e.since).lists.get(e.list)?.notice,
        when,
      );
    })
    .filter((a) => a.applies);
  if (answers.length === 0) return { applies: false, until: null, decisions: [] };
  const until = answers.some((a) => a.until === null) ? null : Math.max(...answers.map((a) => a.until ?? 0));
  return { applies: true, until, decisions: answers.flatMap((a) => [...a.decisions]) };
}

/** Whether a measure can reach a person through a role they hold in an organization, not only as themselves. */
export function bornThroughRoles(def: Pick<MeasureDef, 'appliesTo'>): boolean {
  return def.appliesTo.some((b) => b !== 'person' && b !== 'organization');
}

/**
 * Whose state can bring a measure to a subject: itself when it bears the measure, and for a person the
 * organizations it held a role in at the date asked about (`roles`: the persons' roles then, see Tx.rolesAt).
 */
export function holdersFor(
  def: Pick<MeasureDef, 'appliesTo'>,
  s: Pick<SubjectRow, 'id' | 'kind'>,
  roles: readonly RelationSpan[],
): Holder[] {
  const id = Number(s.id);
  const holders: Holder[] = [];
  if (bears(def.appliesTo, s.kind)) holders.push({ id, via: 'self' });
  if (s.kind === 'person')
    for (const r of roles)
      if (Number(r.related_id) === id && r.role !== 'parent' && def.appliesTo.includes(r.role))
        holders.push({ id: Number(r.org_id), via: r.role, from: Number(r.from), to: r.to });
  return holders;
}
