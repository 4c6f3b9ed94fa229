import type { AppContext } from '../ports/ports.context.ts';
import { type Checkpoint, registryIdentity, verifyAgainst } from './audit.checkpoint.ts';
import { verifyDerived } from './audit.derived.ts';
import { type Finding, verifyLedger } from './audit.verify.ts';

export interface AuditVerification {
  readonly entries: number;
  readonly head: string;
  readonly rows: number;
  readonly findings: readonly Finding[];
}

/**
 * `credence audit verify`: the chain, every ledger row against it, the recorded public key against the signing
 * key at hand, and (given a checkpoint kept outside) that the chain still extends that checkpoint.
 */
export async function verifyChain(
  ctx: Pick<AppContext, 'store' | 'signer'>,
  against?: Checkpoint,
): Promise<AuditVerification> {
  return ctx.store.transaction(async (tx) => {
    const r = await verifyLedger(tx);
    const findings = [...r.findings];
    const { publicKey } = await registryIdentity(tx);
    if (ctx.signer && publicKey && publicKey !== ctx.signer.publicKey)
      findings.push({
        kind: 'checkpoint',
        message: 'the public key recorded in the database is not the registry’s signing key',
      });
    if (against) findings.push(...(await verifyAgainst(tx, against, ctx.signer?.publicKey)));
    return { entries: r.chain.entries, head: r.chain.head, rows: r.rows, findings };
  });
}

export interface FullVerification extends AuditVerification {
  readonly compared: number;
  readonly due: number;
}

/** `credence verify`: the chain and the ledger as above, and every stored derived state against a recomputation. */
export async function verifyRegistry(ctx: AppContext, against?: Checkpoint): Promise<FullVerification> {
  const chain = await verifyChain(ctx, against);
  const derived = await verifyDerived(ctx);
  return {
    ...chain,
    compared: derived.compared,
    due: derived.due,
    findings: [...chain.findings, ...derived.findings],
  };
}
