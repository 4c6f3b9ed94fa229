import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CredenceError } from '../../domain/errors.ts';
import type { StoreLocation } from '../ports/ports.context.ts';

/** Signs with the registry's Ed25519 key: the public key is SPKI DER in base64, signatures are base64. */
export interface ReportSigner {
  readonly publicKey: string;
  sign(message: string): string;
}

/** `<db>.signing.key` beside a SQLite registry; for PostgreSQL, data/credence-postgres.signing.key. */
export function signingKeyPath(location: StoreLocation): string {
  return location.db ? `${resolve(location.db)}.signing.key` : resolve('data/credence-postgres.signing.key');
}

export function signerOf(key: KeyObject): ReportSigner {
  const publicKey = createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64');
  return { publicKey, sign: (message) => sign(null, Buffer.from(message, 'utf8'), key).toString('base64') };
}

/**
 * The registry's signing key: CREDENCE_SIGNING_KEY (a PKCS#8 PEM, or the path of a file holding one), or the key file beside the database
 * (Ed25519, PKCS#8 PEM, mode 0600), created when `create` is set and there is none. It never enters the database.
 */
export function loadSigningKey(location: StoreLocation, create: boolean): ReportSigner {
  const pem = process.env.CREDENCE_SIGNING_KEY;
  if (pem)
    return signerOf(createPrivateKey(pem.includes('-----BEGIN') ? pem : readFileSync(resolve(pem), 'utf8')));
  const path = signingKeyPath(location);
  if (existsSync(path)) return signerOf(createPrivateKey(readFileSync(path, 'utf8')));
  if (!create)
    throw new CredenceError(
      'registry.no_signing_key',
      `no signing key at ${path} and CREDENCE_SIGNING_KEY is not set`,
    );
  mkdirSync(dirname(path), { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  chmodSync(path, 0o600);
  return signerOf(privateKey);
}

/** The public key as a PEM document (what `--key FILE` reads and `GET /v1/keys` serves). */
export function publicKeyPem(publicKey: string): string {
  return createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
}

/** Reads a public key given as PEM (SPKI) or as bare base64 SPKI DER; undefined when it is neither. */
export function parsePublicKey(text: string): string | undefined {
  try {
    const t = text.trim();
    const key = t.startsWith('-----')
      ? createPublicKey(t)
      : createPublicKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return undefined;
    return key.export({ type: 'spki', format: 'der' }).toString('base64');
  } catch {
    return undefined;
  }
}

/** A short, stable name for a key: the first 16 hex digits of the SHA-256 of its SPKI DER. */
export function keyFingerprint(publicKey: string): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex').slice(0, 16);
}
