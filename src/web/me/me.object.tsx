import { Crumb, Flash } from '../components/blocks.tsx';
import { Hidden, PostForm, TextArea } from '../components/forms.tsx';
import { RecordFacts, type RecordView } from '../components/record.tsx';
import type { View } from '../shell/http.ts';
import { Page } from '../shell/layout.tsx';

/** The objection form: the record's facts, then the subject's statement of why it is wrong. */
export function ObjectPage({
  v,
  r,
  title,
  error,
  statement,
}: {
  v: View;
  r: RecordView;
  title: string;
  error?: string | undefined;
  statement?: string | undefined;
}) {
  const { t } = v;
  const key = `${r.source}/${r.id}`;
  return (
    <Page v={v} title={t('object.title', { record: key })} narrow>
      <Crumb href="/me">{t('nav.me')}</Crumb>
      <h1>{t('object.title', { record: key })}</h1>
      <RecordFacts v={v} r={r} type={title} />
      <p>{t('object.lead')}</p>
      {error && <Flash kind="error">{error}</Flash>}
      <PostForm v={v} action="/me/object" class="stack">
        <Hidden name="source" value={r.source} />
        <Hidden name="id" value={r.id} />
        <TextArea
          id="statement"
          label={t('object.statement')}
          hint={t('object.statement.hint')}
          rows={6}
          value={statement}
        />
        <button type="submit">{t('object.submit')}</button>
      </PostForm>
    </Page>
  );
}
