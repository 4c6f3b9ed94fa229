import { addDuration } from '../../domain/duration.ts';
import { audit } from '../audit/audit.log.ts';
import { affectedBy } from '../derive/derive.files.ts';
import { recompute } from '../derive/derive.usecases.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import { subjectBatches } from '../ports/ports.batches.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { NoticeRow } from '../ports/ports.due-process.ts';

/**
 * Whether a notice body describes the record or one of its cases: a compact notice names the record (`t: record`,
 * `s`, `r`) or the case (`t: case`, `rf.case`); a notice stored whole, in its `refs`.
 */
function describes(body: string, source: string, recordId: string, cases: ReadonlySet<string>): boolean {
  const b = JSON.parse(body) as {
    t?: string;
    s?: string;
    r?: string;
    rf?: { case?: string };
    refs?: { source?: string; record?: string; case?: string };
  };
  if (b.t === 'record') return b.s === source && b.r === recordId;
  if (b.t === 'case') return b.rf?.case !== undefined && cases.has(b.rf.case);
  if (b.t !== undefined) return false;
  const refs = b.refs ?? {};
  return (
    (refs.source === source && refs.record === recordId) || (refs.case !== undefined && cases.has(refs.case))
  );
}

/**
 * Deletes records past their type's retention, with their status entries, the cases about them and the notices
 * that describe them; the audit log keeps only each removed row's content hash.
 */
export async function purge(ctx: AppContext): Promise<number> {
  const versions = await ctx.store.transaction((tx) => activeRulebooks(tx));
  const now = ctx.clock.now();
  let purged = 0;
  for await (const ids of subjectBatches(ctx.store, 1000)) {
    await ctx.store.transaction(async (tx) => {
      const touched = new Set<number>();
      // a subject's notices, read once however many of its records are purged, less those removed since
      const left = new Map<number, NoticeRow[]>();
      for (const r of await tx.recordsOf(ids)) {
        const type =
          versions.at(Number(r.occurred_at)).recordTypes.get(r.type) ??
          versions.latest.recordTypes.get(r.type);
        if (!type) continue;
        if (addDuration(Number(r.occurred_at), type.retention) > now) continue;
        const sid = Number(r.subject_id);
        await tx.deleteRecord(sid, Number(r.seq));
        // its status entries, the objections and repairs about it, and the notices that describe it go with it:
        // they repeat its content (DESIGN §6 retention); the chain keeps the hash of every row removed
        const events = await tx.deleteEventsOf(sid, r.source, r.record_id);
        const cases = new Set((await tx.deleteCasesOf(sid, r.source, r.record_id)).map((c) => c.id));
        const all = left.get(sid) ?? (await tx.noticesOf(sid));
        const gone = all.filter((n) => describes(n.body, r.source, r.record_id, cases));
        left.set(
          sid,
          all.filter((n) => !gone.includes(n)),
        );
        const notices = gone.map((n) => n.id);
        await tx.deleteNotices(sid, notices);
        await audit(tx, ctx, 'record.purge', sid, {
          record: `${r.source}/${r.record_id}`,
          content_hash: r.content_hash,
          ...(events + cases.size + notices.length > 0
            ? { removed: { status_entries: events, cases: cases.size, notices: notices.length } }
            : {}),
        });
        touched.add(Number(r.subject_id));
        purged++;
      }
      if (touched.size > 0) await recompute(tx, versions, await affectedBy(tx, [...touched], []), now);
    });
  }
  return purged;
}
