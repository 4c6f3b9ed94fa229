/** A problem found in input, with where it was found. Loaders and parsers return these instead of throwing. */
export interface Issue {
  /** Dotted path (`record_types.tax.evasion.points`) or field name (`occurred_at`). */
  readonly path: string;
  readonly message: string;
  /** 1-based line in the source document, when known. */
  readonly line?: number;
  /** Stable machine-readable code, e.g. `record.unknown_type`. */
  readonly code?: string;
}

/** Outcome of a parse or validation: a value when there are no issues. */
export type Checked<T> =
  | { readonly value: T; readonly issues: readonly [] }
  | { readonly value?: undefined; readonly issues: readonly Issue[] };

export function ok<T>(value: T): Checked<T> {
  return { value, issues: [] };
}

export function failed<T>(issues: readonly Issue[]): Checked<T> {
  return { issues };
}

/**
 * The one error type of the core: a stable `code` (e.g. `record.duplicate_conflict`), a message for people,
 * optional issues. It knows nothing of HTTP; the API maps codes to statuses in one place.
 */
export class CredenceError extends Error {
  readonly code: string;
  readonly issues: readonly Issue[];
  readonly details: Readonly<Record<string, unknown>>;
  constructor(
    code: string,
    message: string,
    opts: { issues?: readonly Issue[]; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'CredenceError';
    this.code = code;
    this.issues = opts.issues ?? [];
    this.details = opts.details ?? {};
  }
}

export function formatIssue(i: Issue): string {
  const line = i.line === undefined ? '' : `line ${i.line}`;
  const where = i.path && line ? `${i.path} (${line})` : i.path || line;
  return where ? `${where}: ${i.message}` : i.message;
}
