import { checkNationalId } from '../../domain/national-id.ts';
import { parseInstant } from '../../domain/time.ts';
import { checkUsci, type UsciRule } from '../../domain/usci.ts';
import type { Rulebook } from '../../rules/rulebook.model.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { RecordRow, SourceRow, SubjectRow, Tx } from '../ports/ports.store.ts';
import { CULPABILITY, evidenceOf, RECORD_FIELDS, reject, text, unknownFields } from './ingest.input.ts';

/** No credit fact before this instant (1900-01-01T00:00Z) is plausible; older dates are typing errors. */
export const EARLIEST_OCCURRED_AT = Date.UTC(1900, 0, 1);

/** The stable code of a USCI refusal: its meaningful parts by name, a malformed or mistyped code as invalid. */
export function usciCode(rule: UsciRule): string {
  return rule === 'authority' || rule === 'category' || rule === 'region'
    ? `subject.usci_${rule}`
    : 'subject.invalid_usci';
}

/** What record validation needs from the ingest session. */
export interface RecordDeps {
  readonly ctx: AppContext;
  readonly sources: ReadonlyMap<string, SourceRow>;
  readonly exceptions: ReadonlySet<string>;
  readonly onlySource: string | undefined;
  rulebook(): Rulebook;
  resolve(tx: Tx, ref: string): Promise<SubjectRow | undefined>;
  orgByUsci(tx: Tx, usci: string): Promise<SubjectRow | undefined>;
  /** Synthetic histories only: each record is taken as recorded when it occurred (see Ingestor options). */
  readonly reportedOnTime?: boolean;
}

/** Validates a record line completely (nothing is written): every field, the source's authority, the subject. */
export async function validateRecordFields(
  d: RecordDeps,
  tx: Tx,
  l: Record<string, unknown>,
): Promise<Omit<RecordRow, 'seq'>> {
  unknownFields(l, RECORD_FIELDS);
  const source = text(l, 'source', { required: true })!;
  const src = d.sources.get(source);
  if (!src) reject('record.unknown_source', 'source', `source "${source}" is not registered`);
  if (d.onlySource !== undefined && d.onlySource !== source)
    reject('auth.wrong_source', 'source', `this token may only submit records of source "${d.onlySource}"`);
  const id = text(l, 'id', { required: true, max: 128, id: true })!;
  const subjectRef = text(l, 'subject', { required: true, max: 64 })!;
  const typeName = text(l, 'type', { required: true, max: 128 })!;
  const rb = d.rulebook();
  const type = rb.recordTypes.get(typeName);
  if (!type)
    reject(
      'record.unknown_type',
      'type',
      `type "${typeName}" is not in the active rulebook ${rb.name} ${rb.version}`,
    );
  const domains = JSON.parse(src.domains) as string[];
  if (!domains.includes(type.domain))
    reject(
      'record.domain_not_authorised',
      'type',
      `source "${source}" is not authorised for domain "${type.domain}" (it may write: ${domains.join(', ')})`,
    );
  const occurredText = text(l, 'occurred_at', { required: true })!;
  const occurredAt = parseInstant(occurredText);
  if (occurredAt === undefined)
    reject(
      'input.invalid_date',
      'occurred_at',
      `occurred_at "${occurredText}" is not a date (YYYY-MM-DD) or an ISO 8601 date-time with a zone`,
    );
  if (occurredAt > d.ctx.clock.now())
    reject('record.future_date', 'occurred_at', `occurred_at ${occurredText} is in the future`);
  if (occurredAt < EARLIEST_OCCURRED_AT)
    reject(
      'record.occurred_at_too_early',
      'occurred_at',
      `occurred_at ${occurredText} is before 1900-01-01; the registry holds no earlier facts`,
    );
  const legalBasis = text(l, 'legal_basis', { required: true, max: 500 })!;
  const evidence = evidenceOf(l);
  let amount: number | null = null;
  if (l.amount !== undefined && l.amount !== null) {
    if (typeof l.amount !== 'number' || !Number.isFinite(l.amount))
      reject('input.wrong_type', 'amount', 'amount must be a number');
    if (l.amount < 0) reject('input.out_of_range', 'amount', 'amount must not be negative');
    amount = l.amount;
  }
  const note = text(l, 'note', { max: 500 }) ?? null;
  const culpability = text(l, 'culpability') ?? null;
  if (culpability !== null && !CULPABILITY.has(culpability))
    reject(
      'record.invalid_culpability',
      'culpability',
      'culpability must be knowledge, approval or acquiescence',
    );
  const behalfRef = text(l, 'on_behalf_of');
  if (culpability !== null && behalfRef === undefined)
    reject(
      'record.culpability_without_organization',
      'culpability',
      'culpability is only meaningful with on_behalf_of',
    );
  const subject = await d.resolve(tx, subjectRef);
  if (!subject)
    reject(
      'record.unknown_subject',
      'subject',
      `subject ${subjectRef.length === 18 && checkNationalId(subjectRef).ok ? '(a person)' : subjectRef} is not registered`,
    );
  if (!type.subjects.includes(subject.kind))
    reject(
      'record.wrong_subject_kind',
      'type',
      `type "${typeName}" applies to ${type.subjects.join(' and ')}, not to a ${subject.kind}`,
    );
  let onBehalfOf: number | null = null;
  if (behalfRef !== undefined) {
    // DESIGN §3.4: what a person did for an organization counts for it; an organization's own record counts for
    // it directly, and one organization's record never counts for another
    if (subject.kind !== 'person')
      reject(
        'record.invalid_on_behalf_of',
        'on_behalf_of',
        "on_behalf_of is for a person's record (what a person did for an organization); an organization's record counts for that organization itself",
      );
    const uc = checkUsci(behalfRef, d.exceptions);
    if (!uc.ok) reject(usciCode(uc.rule), 'on_behalf_of', `on_behalf_of: ${uc.message}`);
    const org = await d.orgByUsci(tx, behalfRef);
    if (!org) reject('record.unknown_subject', 'on_behalf_of', `organization ${behalfRef} is not registered`);
    if (Number(org.id) === Number(subject.id))
      reject('record.invalid_on_behalf_of', 'on_behalf_of', 'a subject cannot act on its own behalf');
    onBehalfOf = Number(org.id);
  }
  return {
    subject_id: Number(subject.id),
    source,
    record_id: id,
    type: typeName,
    occurred_at: occurredAt,
    recorded_at: d.reportedOnTime ? Math.min(occurredAt, d.ctx.clock.now()) : d.ctx.clock.now(),
    legal_basis: legalBasis,
    evidence: JSON.stringify(evidence),
    amount,
    on_behalf_of: onBehalfOf,
    culpability,
    note,
    content_hash: '',
  };
}
