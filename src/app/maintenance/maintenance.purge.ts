import { addDuration } from '../../domain/duration.ts';
import { audit } from '../audit/audit.log.ts';
import { affectedBy } from '../derive/derive.files.ts';
import { recompute } from '../derive/derive.usecases.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import { subjectBatches } from '../ports/ports.batches.ts';
import type { AppContext } from '../ports/ports.context.ts';

/** Deletes records past their type's retention; the audit log keeps only each record's content hash. */
export async function purge(ctx: AppContext): Promise<number> {
  const versions = await ctx.store.transaction((tx) => activeRulebooks(tx));
  const now = ctx.clock.now();
  let purged = 0;
  for await (const ids of subjectBatches(ctx.store, 1000)) {
    await ctx.store.transaction(async (tx) => {
      const touched = new Set<number>();
      for (const r of await tx.recordsOf(ids)) {
        const type =
          versions.at(Number(r.occurred_at)).recordTypes.get(r.type) ??
          versions.latest.recordTypes.get(r.type);
        if (!type) continue;
        if (addDuration(Number(r.occurred_at), type.retention) > now) continue;
        await tx.deleteRecord(Number(r.subject_id), Number(r.seq));
        await audit(tx, ctx, 'record.purge', Number(r.subject_id), {
          record: `${r.source}/${r.record_id}`,
          content_hash: r.content_hash,
        });
        touched.add(Number(r.subject_id));
        purged++;
      }
      if (touched.size > 0) await recompute(tx, versions, await affectedBy(tx, [...touched], []), now);
    });
  }
  return purged;
}
