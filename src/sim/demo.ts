import { activeRulebooks } from '../app/governance/governance.rulebooks.ts';
import { importLines } from '../app/ingest/ingest.file.ts';
import type { AppContext } from '../app/ports/ports.context.ts';
import { formatDate } from '../domain/time.ts';
import { simulatePopulation } from './population.ts';

const DAY = 86_400_000;
const EVIDENCE = `sha256:${'5e'.repeat(32)}`;

/** Well-known demo subjects, so that the README's examples work against `npm start`. */
export const DEMO = {
  blacklisted: '91350100M000100Y43',
  representative: '110101199003074514',
  repaired: '91230184MA1BUFLT44',
  exemplary: '92371000MA3MXH0E3W',
} as const;

/**
 * Seeds a demo population once: a simulated population plus a few subjects with stories — a court defaulter
 * with its legal representative, a company that repaired a late tax payment, a model individual business.
 */
export async function seedDemo(ctx: AppContext, subjects = 2000): Promise<boolean> {
  if ((await ctx.store.subjectCount()) > 0) return false;
  const versions = await ctx.store.transaction((tx) => activeRulebooks(tx));
  const now = ctx.clock.now();
  const rb = versions.at(now);
  const day = (n: number) => formatDate(now - n * DAY);
  const stories: Record<string, unknown>[] = [
    { kind: 'person', national_id: DEMO.representative, name: 'Zhang Wei' },
    {
      kind: 'organization',
      usci: DEMO.blacklisted,
      name: '福州示例有限公司 (Fuzhou Example Co.)',
      legal_representative: DEMO.representative,
      // registered years ago, like the rest of the demo's history: Zhang Wei was its representative throughout
      effective_from: day(5 * 365),
    },
    {
      kind: 'organization',
      usci: DEMO.repaired,
      name: '哈尔滨北方物流有限公司 (Harbin Northern Logistics Co.)',
    },
    {
      kind: 'organization',
      usci: DEMO.exemplary,
      name: '日照港湾餐饮个体工商户 (Rizhao Harbour Catering, individual business)',
    },
    {
      source: 'court-authority',
      id: 'DEMO-C-1',
      subject: DEMO.blacklisted,
      type: 'court.judgment_default',
      occurred_at: day(120),
      legal_basis: 'Civil Procedure Law art. 262',
      evidence: [EVIDENCE],
    },
    {
      source: 'tax-authority',
      id: 'DEMO-T-1',
      subject: DEMO.blacklisted,
      type: 'tax.late_payment',
      occurred_at: day(200),
      legal_basis: 'Tax Collection Administration Law art. 32',
      evidence: [EVIDENCE],
    },
    {
      source: 'tax-authority',
      id: 'DEMO-T-2',
      subject: DEMO.repaired,
      type: 'tax.late_payment',
      occurred_at: day(60),
      legal_basis: 'Tax Collection Administration Law art. 32',
      evidence: [EVIDENCE],
    },
    {
      source: 'community-authority',
      id: 'DEMO-V-1',
      subject: DEMO.exemplary,
      type: 'community.charitable_donation',
      occurred_at: day(30),
      legal_basis: 'Charity Law',
      evidence: [EVIDENCE],
    },
  ].filter((l) => !('type' in l) || rb.recordTypes.has(String(l.type)));
  async function* lines() {
    let n = 0;
    const all = simulatePopulation(rb, { subjects, seed: 2026, now });
    // sources first (they come first from the simulation), then the stories, then the population
    const buffered: Record<string, unknown>[] = [];
    let told = false;
    for (const l of all) {
      if (l.kind === 'source') yield { n: ++n, value: l, raw: '' };
      else {
        if (!told) for (const s of stories) yield { n: ++n, value: s, raw: JSON.stringify(s) };
        told = true;
        buffered.push(l);
        if (buffered.length >= 1000) for (const b of buffered.splice(0)) yield { n: ++n, value: b, raw: '' };
      }
    }
    for (const b of buffered) yield { n: ++n, value: b, raw: '' };
  }
  // the demo is a synthetic history: its records are taken as reported when they occurred
  await importLines(ctx, lines(), () => {}, undefined, undefined, undefined, { reportedOnTime: true });
  return true;
}
