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

/** Document references are content digests: the algorithms accepted and the hex length of each. */
export const EVIDENCE_ALGORITHMS: Readonly<Record<string, number>> = {
  sha256: 64,
  sha384: 96,
  sha512: 128,
  sm3: 64,
};
const EVIDENCE_EXAMPLE = `"sha256:<64 lower-case hex digits>" (also sha384, sha512, sm3)`;
export const MAX_EVIDENCE = 100;

/**
 * The first C0 or C1 control other than tab, line feed and carriage return (NUL included), or bidirectional
 * embedding, override or isolate control — characters that make text display in another order than it is stored.
 */
function controlAt(v: string): number {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) return i;
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return i;
  }
  return -1;
}
// identifiers are printed in notices and files and compared byte for byte: no white space but the plain space,
// no invisible or format characters, no private-use or unassigned code points, no emoji
const NOT_IN_ID = /[\p{C}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\p{Extended_Pictographic}]/u;

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
  opts: { required?: boolean; max?: number; id?: boolean } = {},
): string | undefined {
  const v = line[field];
  if (v === undefined || v === null || v === '') {
    if (opts.required) reject('input.missing_field', field, `${field} is required`);
    return undefined;
  }
  if (typeof v !== 'string') reject('input.wrong_type', field, `${field} must be a string, got ${typeof v}`);
  if (opts.max !== undefined && v.length > opts.max)
    reject('input.too_long', field, `${field} has ${v.length} characters; at most ${opts.max} are allowed`);
  const bad = controlAt(v);
  if (bad >= 0)
    reject(
      'input.control_character',
      field,
      `${field} contains the control character ${codePoint(v[bad]!)} at position ${bad + 1}`,
    );
  if (opts.id) identifier(field, v);
  return v;
}

/** An identifier: printable characters and inner plain spaces only. */
function identifier(field: string, v: string): void {
  const bad = NOT_IN_ID.exec(v);
  if (bad)
    reject(
      'input.invalid_identifier',
      field,
      `${field} contains ${codePoint(bad[0])} at position ${bad.index + 1}; identifiers are printable characters (no controls, format characters or emoji)`,
    );
  if (v.trim() !== v) reject('input.invalid_identifier', field, `${field} begins or ends with white space`);
}

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function unknownFields(line: Record<string, unknown>, allowed: Set<string>): void {
  for (const k of Object.keys(line))
    if (!allowed.has(k))
      reject('input.unknown_field', k, `unknown field "${k}" (allowed: ${[...allowed].join(', ')})`);
}

/** The evidence of a line: a non-empty list (at most 100) of content digests such as `sha256:<64 hex>`. */
export function evidenceOf(l: Record<string, unknown>): string[] {
  const ev = l.evidence;
  if (!Array.isArray(ev) || ev.length === 0)
    reject(
      'input.missing_field',
      'evidence',
      `evidence must be a non-empty list of document digests such as ${EVIDENCE_EXAMPLE}`,
    );
  if (ev.length > MAX_EVIDENCE)
    reject(
      'input.too_long',
      'evidence',
      `evidence has ${ev.length} items; at most ${MAX_EVIDENCE} are allowed`,
    );
  ev.forEach((e, i) => {
    const why = evidenceProblem(e);
    if (why !== undefined) reject('input.invalid_evidence', `evidence[${i}]`, `evidence[${i}]: ${why}`);
  });
  return ev as string[];
}

/** Why a value is not a document digest, or undefined when it is one. */
export function evidenceProblem(e: unknown): string | undefined {
  if (typeof e !== 'string') return `expected a digest such as ${EVIDENCE_EXAMPLE}, got ${typeof e}`;
  const shown = JSON.stringify(e.length > 80 ? `${e.slice(0, 80)}…` : e);
  const colon = e.indexOf(':');
  const algorithm = colon < 0 ? '' : e.slice(0, colon);
  const hex = e.slice(colon + 1);
  if (!Object.hasOwn(EVIDENCE_ALGORITHMS, algorithm))
    return `${shown} does not name an accepted digest algorithm; expected ${EVIDENCE_EXAMPLE}`;
  const length = EVIDENCE_ALGORITHMS[algorithm]!;
  if (/^[0-9a-fA-F]*$/.test(hex) && /[A-F]/.test(hex)) return `${shown}: write the hex digits in lower case`;
  if (!/^[0-9a-f]*$/.test(hex)) return `${shown}: a ${algorithm} digest is written in hex digits (0-9, a-f)`;
  if (hex.length !== length)
    return `${shown}: a ${algorithm} digest has ${length} hex digits, not ${hex.length}`;
  return undefined;
}
