import { randomUUID } from 'node:crypto';
import type { Clock } from '../../domain/clock.ts';
import type { Signer } from '../ports/ports.context.ts';
import type { Store } from '../ports/ports.store.ts';
import { LEDGER } from './audit.ledger.ts';
import { appendEntry } from './audit.log.ts';
import { scan } from './audit.verify.ts';

const PER_ENTRY = 5000;

/**
 * Run by the composition root when it opens a registry; cheap when there is nothing to do (three reads).
 * - Names the registry (`registry_id`) and records the signing key's public half (`audit_public_key`) the first
 *   time a signing key is at hand; a recorded key is never replaced (verification reports a mismatch).
 * - A registry whose chain began before the chain committed ledger rows adopts the rows it holds, as they stand,
 *   in `ledger.adopt` entries: from then on every change to them is evident. (A registry created since has
 *   committed every row from the start; migration 0006 marks it so.)
 */
export async function prepareAudit(store: Store, clock: Clock, signer?: Signer): Promise<void> {
  const ready = async () =>
    (await store.getMeta('audit_ledger')) !== undefined &&
    (await store.getMeta('registry_id')) !== undefined &&
    (!signer || (await store.getMeta('audit_public_key')) !== undefined);
  if (await ready()) return;
  await store.transaction(async (tx) => {
    await tx.lockAudit();
    if (!(await tx.getMeta('registry_id'))) await tx.setMeta('registry_id', randomUUID());
    if (signer && !(await tx.getMeta('audit_public_key')))
      await tx.setMeta('audit_public_key', signer.publicKey);
    if (await tx.getMeta('audit_ledger')) return;
    const at = clock.now();
    let n = 0;
    for (const spec of LEDGER)
      for await (const r of scan(tx, spec)) {
        tx.ledger.wrote(spec.table, [r]);
        if (++n % PER_ENTRY === 0)
          await appendEntry(tx, {
            at,
            actor: 'registry',
            action: 'ledger.adopt',
            subject_id: null,
            detail: '{}',
          });
      }
    if (tx.ledger.size > 0)
      await appendEntry(tx, {
        at,
        actor: 'registry',
        action: 'ledger.adopt',
        subject_id: null,
        detail: '{}',
      });
    await tx.setMeta('audit_ledger', `adopted at entry ${Number((await tx.lastAudit())?.seq ?? 0)}`);
  });
}
