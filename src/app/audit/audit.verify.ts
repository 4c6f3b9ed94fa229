import type { Tx } from '../ports/ports.store.ts';
import {
  type Commitment,
  differingColumns,
  digestRow,
  keyText,
  LEDGER,
  LEDGER_TABLES,
  type LedgerTable,
} from './audit.ledger.ts';
import { type VerifyResult, verifyAudit } from './audit.log.ts';

/** One problem found, on one line: which row of which table, and what happened to it. */
export interface Finding {
  readonly kind: 'chain' | 'edited' | 'deleted' | 'unrecorded' | 'resurrected' | 'checkpoint' | 'derived';
  readonly message: string;
  readonly table?: string;
  readonly key?: string;
}

export interface LedgerReport {
  readonly chain: VerifyResult;
  /** Ledger rows read and compared with the chain. */
  readonly rows: number;
  readonly findings: readonly Finding[];
}

interface Committed {
  readonly hash: string | null;
  /** The column fingerprint of a written row; the hash a removed row had. */
  readonly extra: string;
  readonly seq: number;
}

const PAGE = 2000;

/**
 * Verifies the chain and every ledger row against it: each row must be the one the latest entry naming it
 * committed (same content hash), and each committed row must still be there unless an entry removed it (a purge).
 * Holds one small map entry per ledger row while it runs.
 */
export async function verifyLedger(tx: Tx): Promise<LedgerReport> {
  const committed = new Map<string, Committed>();
  const findings: Finding[] = [];
  const chain = await verifyAudit(tx, (entry) => {
    if (!entry.rows) return;
    for (const [table, key, hash, extra] of JSON.parse(entry.rows) as Commitment[]) {
      const id = JSON.stringify([table, ...key]);
      const before = committed.get(id);
      if (hash === null && before?.hash && before.hash !== extra)
        findings.push(
          finding('edited', table, key, `was edited before it was purged in audit entry #${entry.seq}`),
        );
      committed.set(id, { hash, extra, seq: entry.seq });
    }
  });
  if (!chain.ok && chain.broken)
    findings.push({
      kind: 'chain',
      message: `audit chain broken at entry #${chain.broken.seq}: ${chain.broken.problem}`,
    });
  let rows = 0;
  for (const spec of LEDGER) {
    for await (const r of scan(tx, spec)) {
      rows++;
      const d = digestRow(spec, r);
      const id = JSON.stringify([spec.table, ...d.key]);
      const c = committed.get(id);
      if (!c) {
        findings.push(
          finding(
            'unrecorded',
            spec.table,
            d.key,
            'is not in the audit chain (written outside the registry)',
          ),
        );
        continue;
      }
      committed.delete(id);
      if (c.hash === null)
        findings.push(
          finding(
            'resurrected',
            spec.table,
            d.key,
            `was purged in audit entry #${c.seq} but is present again`,
          ),
        );
      else if (c.hash !== d.hash) {
        const cols = differingColumns(spec, c.extra, d.fingerprint);
        findings.push(
          finding(
            'edited',
            spec.table,
            d.key,
            `edited after audit entry #${c.seq}${cols.length > 0 ? ` (differs: ${cols.join(', ')})` : ''}`,
          ),
        );
      }
    }
  }
  for (const [id, c] of committed) {
    if (c.hash === null) continue;
    const [table, ...key] = JSON.parse(id) as [string, ...(string | number | null)[]];
    findings.push(
      finding(
        'deleted',
        table,
        key,
        `deleted (not purged: no purge entry); written in audit entry #${c.seq}`,
      ),
    );
  }
  return { chain, rows, findings };
}

function finding(kind: Finding['kind'], table: string, key: readonly unknown[], what: string): Finding {
  const noun = LEDGER_TABLES.get(table)?.noun ?? table;
  return { kind, table, key: keyText(key), message: `${noun} ${keyText(key)} ${what}` };
}

/** Every ledger row of a table, a page at a time in primary-key order. */
export async function* scan(tx: Tx, spec: LedgerTable): AsyncGenerator<Readonly<Record<string, unknown>>> {
  let after: unknown[] | null = null;
  for (;;) {
    const page = await tx.ledgerPage(spec, after, PAGE);
    if (page.length === 0) return;
    const last = page[page.length - 1]!;
    after = spec.pk.map((c) => last[c]);
    for (const r of page) if (!spec.skip?.(r)) yield r;
    if (page.length < PAGE) return;
  }
}
