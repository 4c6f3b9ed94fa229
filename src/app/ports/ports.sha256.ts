import * as crypto from 'node:crypto';

/**
 * SHA-256 of a text (UTF-8), in hex. Node's one-shot `crypto.hash` (Node 20.12 and later) where present: building
 * a hash object costs more than hashing the short texts of the audit ledger (a ledger row, a check's inputs).
 */
export const sha256: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');
