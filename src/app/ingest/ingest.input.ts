/** Reading one input line: its allowed fields, typed values and the reasons a line is refused. */

/** The outcome of one input line: accepted whole (created, updated or unchanged) or rejected with its reason. */
export type LineResult =
  | { readonly ok: true; readonly status: 'created' | 'updated' | 'unchanged'; readonly what: string }
  | { readonly ok: false; readonly code: string; readonly field: string; readonly message: string };

export const RECORD_FIELDS = new Set([
  'source',
  'id',
  'subject',
  'type',
  'occurred_at',
  'legal_basis',
  'evidence',
  'amount',
  'on_behalf_of',
  'culpability',
  'note',
]);
export const FIELDS: Record<string, Set<string>> = {
  source: new Set(['kind', 'id', 'name', 'domains']),
  person: new Set(['kind', 'national_id', 'name']),
  organization: new Set(['kind', 'usci', 'name', 'parent', 'legal_representative', 'actual_controller']),
  usci_exception: new Set(['kind', 'usci', 'evidence', 'reason']),
};
export const CULPABILITY = new Set(['knowledge', 'approval', 'acquiescence']);
const EVIDENCE = /^(sha256:[0-9a-f]{64}|[a-z][a-z0-9+.-]*:\S+)$/i;

export class Reject extends Error {
  constructor(
    readonly code: string,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function reject(code: string, field: string, message: string): never {
  throw new Reject(code, field, message);
}

export function text(
  line: Record<string, unknown>,
  field: string,
  opts: { required?: boolean; max?: number } = {},
): string | undefined {
  const v = line[field];
  if (v === undefined || v === null || v === '') {
    if (opts.required) reject('input.missing_field', field, `${field} is required`);
    return undefined;
  }
  if (typeof v !== 'string') reject('input.wrong_type', field, `${field} must be a string, got ${typeof v}`);
  if (opts.max !== undefined && v.length > opts.max)
    reject('input.too_long', field, `${field} has ${v.length} characters; at most ${opts.max} are allowed`);
  return v;
}

export function unknownFields(line: Record<string, unknown>, allowed: Set<string>): void {
  for (const k of Object.keys(line))
    if (!allowed.has(k))
      reject('input.unknown_field', k, `unknown field "${k}" (allowed: ${[...allowed].join(', ')})`);
}

/** The evidence of a line: a non-empty list of document references. */
export function evidenceOf(l: Record<string, unknown>): string[] {
  const ev = l.evidence;
  if (!Array.isArray(ev) || ev.length === 0)
    reject(
      'input.missing_field',
      'evidence',
      'evidence must be a non-empty list of document references such as "sha256:<64 hex digits>"',
    );
  ev.forEach((e, i) => {
    if (typeof e !== 'string' || !EVIDENCE.test(e))
      reject(
        'input.invalid_evidence',
        `evidence[${i}]`,
        `evidence[${i}] must be a document reference such as "sha256:<64 hex digits>", got ${JSON.stringify(e)}`,
      );
  });
  return ev as string[];
}
