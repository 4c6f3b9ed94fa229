import type { VersionView } from '../../app/governance/governance.rulebooks.ts';
import { Section } from '../components/blocks.tsx';
import { day, Time } from '../components/format.tsx';
import { Field, Hidden, PostForm } from '../components/forms.tsx';
import { Table } from '../components/table.tsx';
import { href, type View } from '../shell/http.ts';

/** Rulebook versions (with their changes and, for drafts, the impact), and the draft to check. */

export function versionStatus(v: View, r: VersionView): string {
  if (r.status === 'draft') return v.t('admin.rb.draft');
  if (r.in_comment) return v.t('admin.rb.in_comment', { date: day(r.comment_until) });
  return v.t('admin.rb.published');
}

const COLUMNS = [
  'admin.rb.version',
  'admin.rb.status',
  'admin.rb.effective',
  'admin.rb.activated',
  'admin.rb.by',
  'admin.rb.hash',
  'admin.rb.diff',
] as const;

export function RulebooksSection({
  v,
  rulebooks,
  draft,
  issues,
}: {
  v: View;
  rulebooks: readonly VersionView[];
  draft: string;
  issues?: readonly string[] | undefined;
}) {
  const { t } = v;
  return (
    <Section id="rb-h" title={t('admin.rulebooks')}>
      <Table label={t('admin.rulebooks')} head={COLUMNS.map((k) => t(k))}>
        {rulebooks.map((r) => (
          <tr key={r.hash}>
            <td>
              {r.name} {r.version}
            </td>
            <td>{versionStatus(v, r)}</td>
            <td>
              <Time t={r.effective_from} />
            </td>
            <td>
              <Time t={r.published_at} />
            </td>
            <td>{r.published_by}</td>
            <td>
              <code>{r.hash.slice(0, 12)}</code>
            </td>
            <td>
              <a href={href('/admin/rulebooks/diff', { hash: r.hash })}>
                {t('admin.rb.changes_link', { n: r.changes.length, version: r.version })}
              </a>
              {r.status === 'draft' && (
                <PostForm v={v} action="/admin/rulebooks/impact" class="inline">
                  <Hidden name="hash" value={r.hash} />{' '}
                  <button type="submit" class="small">
                    {t('admin.rb.impact', { version: r.version })}
                  </button>
                </PostForm>
              )}
            </td>
          </tr>
        ))}
      </Table>
      <h3 id="draft-h">{t('admin.draft')}</h3>
      <p>{t('admin.draft.lead')}</p>
      {issues && issues.length > 0 && (
        <div class="flash flash-error" role="alert">
          <p>{t('admin.draft.invalid', { n: issues.length })}</p>
          <ul>
            {issues.map((i) => (
              <li key={i}>
                <code>{i}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      <PostForm v={v} action="/admin/rulebooks/impact" class="stack">
        <Field id="draft" label={t('admin.draft.text')}>
          <textarea id="draft" name="text" rows={14} class="code" spellcheck={false} required>
            {draft}
          </textarea>
        </Field>
        <button type="submit">{t('admin.draft.submit')}</button>
      </PostForm>
    </Section>
  );
}
