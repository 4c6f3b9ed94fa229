import { Section } from '../components/blocks.tsx';
import { Field, PostForm } from '../components/forms.tsx';
import { Table } from '../components/table.tsx';
import type { View } from '../shell/http.ts';

/** The sources that may report records, each for its domains; registering or updating one. */
export function SourcesSection({
  v,
  sources,
}: {
  v: View;
  sources: readonly { id: string; name: string; domains: string }[];
}) {
  const { t } = v;
  return (
    <Section id="sources-h" title={t('admin.sources')}>
      <Table
        label={t('admin.sources')}
        head={[t('admin.source.id'), t('admin.source.name'), t('admin.source.domains')]}
      >
        {sources.map((s) => (
          <tr key={s.id}>
            <td>
              <code>{s.id}</code>
            </td>
            <td>{s.name}</td>
            <td>{(JSON.parse(s.domains) as string[]).join(', ')}</td>
          </tr>
        ))}
      </Table>
      <h3>{t('admin.source.add')}</h3>
      <PostForm v={v} action="/admin/sources" class="grid-form">
        <Field id="src-id" label={t('admin.source.id')}>
          <input id="src-id" name="id" required pattern="[A-Za-z0-9][A-Za-z0-9._\-]*" />
        </Field>
        <Field id="src-name" label={t('admin.source.name')}>
          <input id="src-name" name="name" required />
        </Field>
        <Field
          id="src-domains"
          label={t('admin.source.domains')}
          hint={t('admin.source.domains.hint')}
          hintId="src-domains-hint"
        >
          <input id="src-domains" name="domains" required aria-describedby="src-domains-hint" />
        </Field>
        <div class="field">
          <button type="submit">{t('admin.source.submit')}</button>
        </div>
      </PostForm>
    </Section>
  );
}
