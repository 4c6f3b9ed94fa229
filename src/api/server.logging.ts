import pino, { type Logger } from 'pino';

/** A national identity number (GB 11643: 17 digits and a check character) anywhere in a log line. */
// not inside a longer number; a percent-escape just before it (`%20`) is a boundary, not digits
const NATIONAL_ID = /(?<=^|[^0-9]|%[0-9A-Fa-f]{2})[1-9]\d{16}[\dXx](?![0-9])/g;

/**
 * Replaces every national id in a text by `nid:<12 hex>`, a keyed hash (the registry's HMAC of the id, the same
 * key that indexes subjects): the same person reads the same in every line, and the id cannot be recovered
 * from the log without the registry's key.
 */
export function redactNationalIds(text: string, hash: (id: string) => string): string {
  return text.replace(NATIONAL_ID, (id) => `nid:${hash(id.toUpperCase()).slice(0, 12)}`);
}

export interface LogLines {
  write(line: string): void;
}

/**
 * The server's logger: every line passes through the redaction before it is written, whatever logged it
 * (request URLs with an id in the path or query, error messages, plugins). Tokens are never logged.
 */
export function redactingLogger(
  hashNationalId: (id: string) => string,
  destination: LogLines = process.stdout,
): Logger {
  return pino(
    { level: process.env.LOG_LEVEL ?? 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] },
    { write: (line: string) => destination.write(redactNationalIds(line, hashNationalId)) },
  );
}
