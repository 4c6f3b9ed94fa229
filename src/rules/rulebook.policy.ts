import { type Duration, parseDuration } from '../domain/duration.ts';
import { domainEntry, notPermittedMessage } from './domains.ts';
import { protectedCategoryOf } from './guardrails.ts';
import { legalBasisProblem, NO_ARTICLE } from './legal-basis.ts';
import { PUBLICATION_TIERS, tierProblems } from './publication.ts';
import type { Severity } from './rulebook.model.ts';
import { arr, type Doc, obj, type Path, str } from './rulebook.problems.ts';
import { texts } from './rulebook.texts.ts';

/** Receives one problem of the policy pass (the loader decides whether it blocks). */
export type Report = (path: Path, message: string, code: string) => void;

/**
 * The guardrails on what a rulebook may rest on and publish (DESIGN §4): every legal basis a citation, every domain
 * from the catalogue, no protected category in measure names or titles, publication within the severity tier.
 * Runs on the parsed document, beside the compile pass; every problem is reported, none stops the others.
 */
export function checkPolicy(doc: Doc, report: Report): void {
  const basis = (path: Path, v: unknown, wholeInstrument = 'rulebook.legal_basis') => {
    // every language's text is a citation
    for (const t of texts(v)) {
      const problem = legalBasisProblem(t);
      if (problem) report(path, problem, problem === NO_ARTICLE ? wholeInstrument : 'rulebook.legal_basis');
    }
  };
  const domain = (path: Path, v: unknown) => {
    if (typeof v === 'string' && v !== '' && !domainEntry(v))
      report(path, notPermittedMessage(v), 'rulebook.domain');
  };
  const guard = (path: Path, text: unknown, what: string) => {
    for (const v of texts(text)) guardOne(path, v, what);
  };
  const guardOne = (path: Path, v: string, what: string) => {
    const c = protectedCategoryOf(v);
    // a measure may concern a public service such as health care; it may not rest on or target health data,
    // which record types, domains and lists (checked in the compile pass) can never carry
    if (c && c !== 'health')
      report(
        path,
        `${what} "${String(v)}" names a protected category (${c}); no measure may rest on or target it`,
        'rulebook.protected_category',
      );
  };

  for (const [name, raw] of Object.entries(obj(doc.record_types))) {
    const t = obj(raw);
    const path = ['record_types', name];
    domain([...path, 'domain'], t.domain);
    publication(path, t, report);
  }
  for (const [name, raw] of Object.entries(obj(doc.lists))) {
    const l = obj(raw);
    basis(['lists', name, 'legal_basis'], l.legal_basis);
    const kind = str(l.kind);
    if (l.legal_basis === undefined && (kind === 'black' || kind === 'warning'))
      report(
        ['lists', name, 'legal_basis'],
        `a ${kind} list entry is an adverse decision: cite the instrument and article that allow it`,
        'rulebook.legal_basis.missing',
      );
  }
  for (const [name, raw] of Object.entries(obj(doc.measures))) {
    const m = obj(raw);
    const path = ['measures', name];
    guard(path, name, 'measure');
    guard([...path, 'title'], m.title, 'title');
    basis([...path, 'legal_basis'], m.legal_basis);
    arr(m.domains).forEach((d, i) => {
      domain([...path, 'domains', i], d);
    });
  }
  arr(doc.memoranda).forEach((raw, i) => {
    const m = obj(raw);
    const path = ['memoranda', i];
    guard([...path, 'id'], m.id, 'memorandum');
    // a memorandum is itself the instrument that links the domains: cited whole (by its title and year, as DESIGN's
    // example does), it loads with a warning to name the part; a placeholder or a bare word is refused as anywhere
    basis([...path, 'legal_basis'], m.legal_basis, 'rulebook.legal_basis.whole_memorandum');
    arr(obj(m.links).from_domains).forEach((d, j) => {
      domain([...path, 'links', 'from_domains', j], d);
    });
  });
}

function publication(path: Path, t: Doc, report: Report): void {
  const severity = str(t.severity) as Severity | undefined;
  if (!severity || !(severity in PUBLICATION_TIERS)) return; // reported structurally
  const tier = PUBLICATION_TIERS[severity];
  if (t.publish === undefined) {
    if (t.public === true && severity === 'minor')
      report(
        [...path, 'public'],
        `a minor record is ${tier.description}: set public: false, or publish: { max: P3M } (or shorter) to publish it for at most 3 months`,
        'rulebook.publication',
      );
    return;
  }
  const pub = obj(t.publish);
  const parsed = (v: unknown): Duration | undefined =>
    typeof v === 'string' ? parseDuration(v).value : undefined;
  const min = parsed(pub.min);
  const max = parsed(pub.max);
  if (pub.min !== undefined && !min)
    report([...path, 'publish', 'min'], 'expected an ISO 8601 duration', 'rulebook.publication');
  if (!max) {
    if (pub.max !== undefined)
      report([...path, 'publish', 'max'], 'expected an ISO 8601 duration', 'rulebook.publication');
    return;
  }
  for (const p of tierProblems(severity, min ? { min, max } : { max }))
    report([...path, 'publish', p.field], p.message, 'rulebook.publication');
  if (t.public !== true)
    report(
      [...path, 'publish'],
      'has no effect: the type is not public (public: false), so its records are never published',
      'rulebook.publication.unused',
    );
}

/** A type's own publication terms as compiled (unchecked here: checkPolicy reports what is wrong). */
export function publishOf(t: Doc): { min: Duration; max: Duration } | undefined {
  if (t.publish === undefined) return undefined;
  const pub = obj(t.publish);
  const max = typeof pub.max === 'string' ? parseDuration(pub.max).value : undefined;
  const severity = str(t.severity) as Severity | undefined;
  const tier = severity && severity in PUBLICATION_TIERS ? PUBLICATION_TIERS[severity] : undefined;
  const min = typeof pub.min === 'string' ? parseDuration(pub.min).value : tier?.lowest;
  return max && min ? { min, max } : undefined;
}
