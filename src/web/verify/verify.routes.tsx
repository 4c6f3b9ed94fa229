import type { AppContext } from '../../app/ports/ports.context.ts';
import { registryPublicKey, verifyReport } from '../../app/reports/reports.credit.ts';
import { keyFingerprint, loadSigningKey, type ReportSigner } from '../../app/reports/reports.signing-key.ts';
import { PAGE, sendPage, type Web } from '../shell/http.ts';
import { fileOf } from '../shell/multipart.ts';
import { VerifyPage } from './verify.page.tsx';

/** The registry's public key for reports: its signer when the server holds one, else the one it records. */
async function publicKeyOf(ctx: AppContext): Promise<string | undefined> {
  let signer = (ctx as { signer?: ReportSigner }).signer;
  const location = ctx.storeFactory?.location;
  if (!signer && location)
    try {
      signer = loadSigningKey(location, false);
    } catch {
      signer = undefined;
    }
  return registryPublicKey(ctx, signer);
}

/** GET /verify shows the form; POST /verify (multipart) checks the uploaded report against this registry's key. */
export function verifyRoutes(web: Web, ctx: AppContext): void {
  web.get('/verify', PAGE, async (req, reply) => sendPage(reply, <VerifyPage v={req.webView} />));

  web.post('/verify', PAGE, async (req, reply) => {
    const v = req.webView;
    const file = fileOf(req.body, 'report');
    if (!file) return sendPage(reply, <VerifyPage v={v} problem={v.t('verify.nofile')} />, 400);
    const key = await publicKeyOf(ctx);
    if (!key) return sendPage(reply, <VerifyPage v={v} problem={v.t('verify.nokey')} />, 503);
    const r = verifyReport(file.data, key);
    return sendPage(
      reply,
      <VerifyPage
        v={v}
        verdict={
          r.ok
            ? {
                ok: true,
                issuedAt: r.issuedAt,
                registry: r.registry,
                key: keyFingerprint(r.publicKey),
                sha256: r.sha256,
              }
            : { ok: false, reason: r.reason }
        }
      />,
    );
  });
}
