import { type OversightStats, oversightStats } from '../../app/oversight/oversight.usecases.ts';
import type { AppContext } from '../../app/ports/ports.context.ts';
import { PAGE, sendPage, type Web } from '../shell/http.ts';
import { OversightPage } from './oversight.page.tsx';

/**
 * Oversight numbers walk the whole population, so they are reused while nothing has been written (the audit
 * log's head is unchanged: every write appends to it) and the registry's clock is in the same minute.
 */
function cached(ctx: AppContext) {
  let last: { key: string; stats: Promise<OversightStats>; audit: boolean } | undefined;
  return async (audit: boolean): Promise<OversightStats> => {
    const key = `${(await ctx.store.getMeta('audit_head')) ?? ''}|${Math.floor(ctx.clock.now() / 60_000)}`;
    if (!last || last.key !== key || (audit && !last.audit)) {
      const stats = oversightStats(ctx, { verifyAuditLog: audit });
      last = { key, stats, audit };
      stats.catch(() => {
        last = undefined;
      });
    }
    return last.stats;
  };
}

export function oversightRoutes(web: Web, ctx: AppContext): void {
  const stats = cached(ctx);
  web.get('/oversight', PAGE, async (req, reply) => {
    const v = req.webView;
    const detail = v.user?.role === 'auditor' || v.user?.role === 'admin';
    return sendPage(reply, <OversightPage v={v} s={await stats(detail)} detail={detail} />);
  });
  web.get('/oversight.json', PAGE, async (req, reply) => {
    const detail = req.webView.user?.role === 'auditor';
    const s = await stats(detail);
    return reply.header('cache-control', 'no-store').send(detail ? s : { ...s, audit: null });
  });
}
