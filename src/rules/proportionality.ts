import type { MeasureDef, Rulebook } from './rulebook.model.ts';

export interface ProportionalityRow {
  readonly measure: string;
  readonly list: string;
  readonly recordType: string;
  readonly domain: string;
  /** `domains` when the measure's own domains allow it, the memorandum id when one links it, undefined when nothing does. */
  readonly allowedBy?: string;
}

/** Which record types can lead to a measure, through which list, and what allows it (DESIGN §4 proportionality). */
export function proportionality(
  rb: Pick<Rulebook, 'recordTypes' | 'lists' | 'memoranda'>,
  m: Pick<MeasureDef, 'name' | 'domains' | 'appliesWhen'>,
): ProportionalityRow[] {
  const rows: ProportionalityRow[] = [];
  const groundsOf = (listName: string, seen: Set<string>): string[] => {
    if (seen.has(listName)) return [];
    seen.add(listName);
    const l = rb.lists.get(listName);
    if (!l) return [];
    const types = new Set(l.enterOn.filter((t) => rb.recordTypes.has(t)));
    if (l.enterWhen) for (const t of rb.recordTypes.values()) if (t.points < 0) types.add(t.name);
    for (const src of rb.lists.values())
      if (src.escalate?.to === listName) for (const t of groundsOf(src.name, seen)) types.add(t);
    return [...types];
  };
  const routes: [string, string[]][] = m.appliesWhen.lists.map((list) => [list, groundsOf(list, new Set())]);
  // a condition on the score or grade can be moved by any negative record
  if (m.appliesWhen.usesState)
    routes.push([
      '(score or grade)',
      [...rb.recordTypes.values()].filter((t) => t.points < 0).map((t) => t.name),
    ]);
  for (const [list, grounds] of routes) {
    for (const typeName of [...grounds].sort()) {
      const domain = rb.recordTypes.get(typeName)?.domain ?? '';
      const memo = rb.memoranda.find((x) => x.fromDomains.includes(domain) && x.toMeasures.includes(m.name));
      const allowedBy = m.domains.includes(domain) ? 'domains' : memo?.id;
      rows.push(
        allowedBy
          ? { measure: m.name, list, recordType: typeName, domain, allowedBy }
          : { measure: m.name, list, recordType: typeName, domain },
      );
    }
  }
  return rows;
}
