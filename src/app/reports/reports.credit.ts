import { formatInstant } from '../../domain/time.ts';
import type { AppContext } from '../ports/ports.context.ts';
import { creditReportData, type ReportLang } from './reports.credit-data.ts';
import { renderCreditReport } from './reports.credit-pdf.ts';
import { signReport, type VerifyOutcome, verifyReport } from './reports.signature.ts';
import { keyFingerprint, type ReportSigner } from './reports.signing-key.ts';

/**
 * The registry's name in its reports: its `registry_id` when it has one, else one derived from its key. A
 * registry that has never been named keeps a stable name as long as it keeps its key.
 */
export async function registryName(ctx: Pick<AppContext, 'store'>, publicKey: string): Promise<string> {
  const id = await ctx.store.getMeta('registry_id');
  return (id ?? `credence-${keyFingerprint(publicKey)}`).replace(/\s+/g, '_');
}

/**
 * The public key reports must be signed with: the registry's own (its signing key when at hand, else the one
 * its database records), or undefined when neither is known.
 */
export async function registryPublicKey(
  ctx: Pick<AppContext, 'store'>,
  signer?: ReportSigner,
): Promise<string | undefined> {
  return signer?.publicKey ?? (await ctx.store.getMeta('audit_public_key'));
}

/** Issues a signed credit report about an organization, as of `at` (default now). */
export async function issueCreditReport(
  ctx: AppContext,
  ref: string,
  opts: { lang: ReportLang; signer: ReportSigner; at?: number },
): Promise<{ pdf: Uint8Array; issuedAt: string; registry: string; usci: string }> {
  const data = await creditReportData(ctx, ref, opts.lang, opts.at);
  const issuedAt = formatInstant(ctx.clock.now());
  const registry = await registryName(ctx, opts.signer.publicKey);
  const pdf = await renderCreditReport(data, {
    registry,
    issuedAt,
    lang: opts.lang,
    keyFingerprint: keyFingerprint(opts.signer.publicKey),
  });
  return {
    pdf: signReport(pdf, opts.signer, issuedAt, registry),
    issuedAt,
    registry,
    usci: data.subject.usci,
  };
}

/** A verdict in words: "valid, issued at …, by registry …", or why not. */
export function verdictText(v: VerifyOutcome): string {
  return v.ok
    ? `valid, issued at ${v.issuedAt}, by registry ${v.registry} (key ${keyFingerprint(v.publicKey)})`
    : `NOT valid: ${v.reason}${v.signedBy ? ` (key ${keyFingerprint(v.signedBy)})` : ''}`;
}

export { verifyReport };
