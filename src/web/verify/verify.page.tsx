import { Flash, Section } from '../components/blocks.tsx';
import { PostForm } from '../components/forms.tsx';
import type { View } from '../shell/http.ts';
import { Page } from '../shell/layout.tsx';

/** The public /verify page: upload a credit report, see whether this registry issued it, unaltered. */

export type Verdict =
  | {
      readonly ok: true;
      readonly issuedAt: string;
      readonly registry: string;
      readonly key: string;
      readonly sha256: string;
    }
  | { readonly ok: false; readonly reason: string };

export function VerifyPage({ v, verdict, problem }: { v: View; verdict?: Verdict; problem?: string }) {
  const { t } = v;
  return (
    <Page v={v} title={t('verify.title')} narrow>
      <h1>{t('verify.title')}</h1>
      <p class="lead">{t('verify.lead')}</p>
      {problem && <Flash kind="error">{problem}</Flash>}
      {verdict && (
        <Section id="verdict-h" title={t('verify.title')}>
          {verdict.ok ? (
            <Flash kind="ok">
              <p class="verdict valid">
                {t('verify.valid', { at: verdict.issuedAt, registry: verdict.registry, key: verdict.key })}
              </p>
              <p class="hint">{t('verify.sha', { sha: verdict.sha256 })}</p>
            </Flash>
          ) : (
            <Flash kind="error">
              <p class="verdict invalid">{t('verify.invalid', { reason: verdict.reason })}</p>
            </Flash>
          )}
        </Section>
      )}
      <PostForm v={v} action="/verify" class="stack" enctype="multipart/form-data">
        <label for="report">{t('verify.file')}</label>
        <input id="report" name="report" type="file" accept="application/pdf,.pdf" required />
        <button type="submit">{t('verify.submit')}</button>
      </PostForm>
    </Page>
  );
}
