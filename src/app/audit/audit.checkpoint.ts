import { createPublicKey, verify } from 'node:crypto';
import { CredenceError } from '../../domain/errors.ts';
import { formatInstant } from '../../domain/time.ts';
import type { AppContext, Signer } from '../ports/ports.context.ts';
import type { Tx } from '../ports/ports.store.ts';
import type { Finding } from './audit.verify.ts';

/**
 * A signed chain head, to keep outside the registry (Certificate Transparency's signed tree head): the chain had
 * `size` entries and the last one's hash was `head`. A later chain must still have that entry at that position.
 */
export interface Checkpoint {
  readonly registry: string;
  readonly size: number;
  readonly head: string;
  readonly at: string;
  readonly public_key: string;
  readonly signature: string;
}

/** The bytes signed: every field but the signature, one a line, under a format tag. */
export function checkpointMessage(c: Omit<Checkpoint, 'signature'>): string {
  return `credence-checkpoint/v1\n${c.registry}\n${c.size}\n${c.head}\n${c.at}\n${c.public_key}\n`;
}

/** The registry's id and public key as the database holds them (set when the signing key is first used). */
export async function registryIdentity(tx: Tx): Promise<{ registry?: string; publicKey?: string }> {
  const [registry, publicKey] = [await tx.getMeta('registry_id'), await tx.getMeta('audit_public_key')];
  return { ...(registry ? { registry } : {}), ...(publicKey ? { publicKey } : {}) };
}

/** Signs the current chain head. */
export async function makeCheckpoint(
  ctx: Pick<AppContext, 'store' | 'clock' | 'signer'>,
): Promise<Checkpoint> {
  const signer = ctx.signer;
  if (!signer)
    throw new CredenceError(
      'audit.no_signing_key',
      'the registry’s signing key is not available here (CREDENCE_SIGNING_KEY, or the .signing.key file beside the database)',
    );
  return ctx.store.transaction(async (tx) => {
    const last = await tx.lastAudit();
    const { registry } = await registryIdentity(tx);
    const body = {
      registry: registry ?? 'unnamed',
      size: Number(last?.seq ?? 0),
      head: last?.hash ?? '0'.repeat(64),
      at: formatInstant(ctx.clock.now()),
      public_key: signer.publicKey,
    };
    return { ...body, signature: signer.sign(checkpointMessage(body)) };
  });
}

/** Reads a checkpoint document; every problem is a usage error (the CLI exits 2). */
export function parseCheckpoint(text: string): Checkpoint {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new CredenceError('usage.checkpoint', 'the checkpoint is not JSON');
  }
  const o = (v ?? {}) as Record<string, unknown>;
  const bad = [
    typeof o.registry !== 'string' && 'registry',
    !(Number.isSafeInteger(o.size) && (o.size as number) >= 0) && 'size',
    !(typeof o.head === 'string' && /^[0-9a-f]{64}$/.test(o.head)) && 'head',
    typeof o.at !== 'string' && 'at',
    typeof o.public_key !== 'string' && 'public_key',
    typeof o.signature !== 'string' && 'signature',
  ].filter((x) => x !== false);
  if (bad.length > 0)
    throw new CredenceError('usage.checkpoint', `the checkpoint lacks or garbles: ${bad.join(', ')}`);
  return o as unknown as Checkpoint;
}

function signatureValid(c: Checkpoint, publicKey: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(checkpointMessage(c)), key, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Proves that the chain still extends a checkpoint: the checkpoint is signed by this registry's key, and the
 * entry at its position has its hash (the chain itself is verified link by link beside this). `trusted` is the
 * public key to hold it to: the signing key's when it is at hand, else the one the database records.
 */
export async function verifyAgainst(
  tx: Tx,
  c: Checkpoint,
  trusted?: Signer['publicKey'],
): Promise<Finding[]> {
  const out = (message: string): Finding[] => [{ kind: 'checkpoint', message }];
  const id = await registryIdentity(tx);
  const key = trusted ?? id.publicKey;
  if (!key) return out('checkpoint refused: this registry has no signing key to check it against');
  if (c.public_key !== key)
    return out(
      `checkpoint refused: signed by another key (${c.public_key.slice(-16)}) than this registry's (${key.slice(-16)})`,
    );
  if (!signatureValid(c, key)) return out('checkpoint refused: its signature is not valid');
  if (id.registry && c.registry !== id.registry)
    return out(`checkpoint refused: it is of registry ${c.registry}, this is ${id.registry}`);
  if (c.size === 0) return [];
  const [entry] = await tx.auditRange(c.size - 1, 1);
  if (!entry || Number(entry.seq) !== c.size) {
    const last = await tx.lastAudit();
    return out(
      `the chain was truncated: the checkpoint of ${c.at} covers ${c.size} entries, entry #${c.size} is gone (the chain ends at #${Number(last?.seq ?? 0)})`,
    );
  }
  if (entry.hash !== c.head)
    return out(
      `the chain was rewritten: entry #${c.size} has hash ${entry.hash.slice(0, 16)}…, the checkpoint of ${c.at} says ${c.head.slice(0, 16)}…`,
    );
  return [];
}
