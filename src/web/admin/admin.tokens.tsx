import type { TokenRow } from '../../app/ports/ports.store.ts';
import { ROLES } from '../../app/tokens/tokens.usecases.ts';
import { Section } from '../components/blocks.tsx';
import { Time } from '../components/format.tsx';
import { Field, PostForm } from '../components/forms.tsx';
import { Table } from '../components/table.tsx';
import type { MessageKey } from '../i18n/i18n.ts';
import type { View } from '../shell/http.ts';

/** Tokens: who holds one for what, revocation, and a new token (its secret shown once). */

function tokenState(tk: TokenRow, now: number): MessageKey {
  if (tk.revoked_at !== null && tk.revoked_at <= now) return 'admin.token.revoked';
  if (tk.expires_at !== null && tk.expires_at <= now) return 'admin.token.expired';
  return 'admin.token.active';
}

/** The new token's secret, shown once, with a copy button for browsers with JavaScript. */
export function NewToken({ v, role, token }: { v: View; role: string; token: string }) {
  const { t } = v;
  return (
    <div class="flash flash-ok new-token" role="status">
      <p>{t('admin.token.shown_once', { role })}</p>
      <p>
        <code id="new-token" class="hash">
          {token}
        </code>{' '}
        <button type="button" class="js-only" data-copy="new-token">
          {t('admin.token.copy')}
        </button>
      </p>
    </div>
  );
}

const COLUMNS = [
  'admin.token.role',
  'admin.token.label',
  'admin.token.for',
  'admin.token.created',
  'admin.token.state',
] as const;

export function TokensSection({ v, tokens }: { v: View; tokens: readonly TokenRow[] }) {
  const { t } = v;
  return (
    <Section id="tokens-h" title={t('admin.tokens')}>
      <Table label={t('admin.tokens')} head={[...COLUMNS.map((k) => t(k)), null]}>
        {tokens.map((tk) => {
          const state = tokenState(tk, v.now);
          return (
            <tr key={tk.id}>
              <td>{tk.role}</td>
              <td>{tk.label}</td>
              <td>{tk.source ?? (tk.subject_id !== null ? `#${tk.subject_id}` : '')}</td>
              <td>
                <Time t={tk.created_at} />
              </td>
              <td>{t(state)}</td>
              <td>
                {state === 'admin.token.active' && (
                  <PostForm v={v} action={`/admin/tokens/${encodeURIComponent(tk.id)}/revoke`} class="inline">
                    <button
                      type="submit"
                      class="small"
                      aria-label={t('admin.token.revoke_label', { id: tk.id.slice(0, 8) })}
                    >
                      {t('admin.token.revoke')}
                    </button>
                  </PostForm>
                )}
              </td>
            </tr>
          );
        })}
      </Table>
      <h3>{t('admin.token.new')}</h3>
      <PostForm v={v} action="/admin/tokens" class="grid-form">
        <Field id="tk-role" label={t('admin.token.role')}>
          <select id="tk-role" name="role" required>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
        <Field id="tk-label" label={t('admin.token.label')}>
          <input id="tk-label" name="label" />
        </Field>
        <Field id="tk-source" label={t('admin.token.source')}>
          <input id="tk-source" name="source" />
        </Field>
        <Field id="tk-subject" label={t('admin.token.subject')}>
          <input id="tk-subject" name="subject" autocomplete="off" />
        </Field>
        <Field id="tk-expires" label={t('admin.token.expires')}>
          <input id="tk-expires" name="expires" placeholder="P90D" />
        </Field>
        <div class="field">
          <button type="submit">{t('admin.token.submit')}</button>
        </div>
      </PostForm>
    </Section>
  );
}
