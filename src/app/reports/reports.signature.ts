import { createHash, createPublicKey, verify } from 'node:crypto';
import type { ReportSigner } from './reports.signing-key.ts';

/**
 * A signed report is the PDF bytes B followed by one comment line after %%EOF, which PDF readers ignore:
 *
 *   %credence-signature v1 <issued at> <registry> <public key, SPKI DER base64> <signature base64>
 *
 * The signature is Ed25519 over `reportMessage`: the SHA-256 of B, the issue instant, the registry and the key.
 * Changing any byte of B or of the line breaks it; a self-consistent line under another key is caught by
 * comparing the key with the registry's.
 */
const TAG = '%credence-signature v1 ';

export interface ReportSignature {
  readonly issuedAt: string;
  readonly registry: string;
  readonly publicKey: string;
  readonly signature: string;
}

export function reportMessage(pdfSha256: string, s: Omit<ReportSignature, 'signature'>): string {
  return `credence-report/v1\n${pdfSha256}\n${s.issuedAt}\n${s.registry}\n${s.publicKey}\n`;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Appends the signature line to the PDF bytes. */
export function signReport(
  pdf: Uint8Array,
  signer: ReportSigner,
  issuedAt: string,
  registry: string,
): Uint8Array {
  if (/\s/.test(registry) || /\s/.test(issuedAt)) throw new Error('registry and instant must have no spaces');
  const head = { issuedAt, registry, publicKey: signer.publicKey };
  const signature = signer.sign(reportMessage(sha256(pdf), head));
  const line = `\n${TAG}${issuedAt} ${registry} ${signer.publicKey} ${signature}\n`;
  return Buffer.concat([pdf, Buffer.from(line, 'latin1')]);
}

export type VerifyOutcome =
  | ({ readonly ok: true; readonly sha256: string } & ReportSignature)
  | { readonly ok: false; readonly reason: string; readonly signedBy?: string };

/**
 * Checks a signed report against the key it must be signed with (the registry's). Any altered byte, a
 * missing or malformed signature line, or a signature under another key is a failure with its reason.
 */
export function verifyReport(file: Uint8Array, expectedKey: string): VerifyOutcome {
  const bytes = Buffer.from(file);
  const at = bytes.lastIndexOf(`\n${TAG}`, undefined, 'latin1');
  if (at < 0) return { ok: false, reason: 'not a signed Credence report (no signature line)' };
  const line = bytes.subarray(at + 1).toString('latin1');
  const m = /^%credence-signature v1 (\S+) (\S+) ([A-Za-z0-9+/=]+) ([A-Za-z0-9+/=]+)\n$/.exec(line);
  if (!m) return { ok: false, reason: 'the signature line is malformed or something follows it' };
  const [, issuedAt, registry, publicKey, signature] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const pdf = bytes.subarray(0, at);
  const digest = sha256(pdf);
  let valid = false;
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    valid = verify(
      null,
      Buffer.from(reportMessage(digest, { issuedAt, registry, publicKey }), 'utf8'),
      key,
      Buffer.from(signature, 'base64'),
    );
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'the signature does not match the report: it has been altered' };
  if (publicKey !== expectedKey)
    return {
      ok: false,
      reason: `signed by another key than this registry's: it was not issued by this registry`,
      signedBy: publicKey,
    };
  return { ok: true, sha256: digest, issuedAt, registry, publicKey, signature };
}
