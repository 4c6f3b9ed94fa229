import { createHash } from 'node:crypto';
import { Crumb, Flash } from '../components/blocks.tsx';
import { Field, Hidden, PostForm, TextArea } from '../components/forms.tsx';
import { RecordFacts, type RecordView } from '../components/record.tsx';
import type { MessageKey } from '../i18n/i18n.ts';
import { field, type View } from '../shell/http.ts';
import { Page } from '../shell/layout.tsx';
import { fileOf } from '../shell/multipart.ts';

/** The repair application: a commitment letter, who signs it, and evidence for each material the rule asks. */

export function sha256Ref(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** Materials other than the letter itself: each is an uploaded file or a typed `sha256:` reference. */
const materialsOf = (requires: readonly string[]) => requires.filter((m) => m !== 'commitment_letter');

/**
 * The form's values (to show again after an error) and the evidence: an uploaded file's bytes are hashed here
 * and dropped, only the hash enters the registry.
 */
export function repairForm(body: unknown, requires: readonly string[]) {
  const values: Record<string, string> = {
    letter: field(body, 'letter'),
    signed_by: field(body, 'signed_by'),
  };
  const evidence: { kind: string; ref: string }[] = [];
  for (const m of materialsOf(requires)) {
    const f = fileOf(body, `file_${m}`);
    const typed = field(body, `ref_${m}`);
    values[`ref_${m}`] = typed;
    if (f && f.data.length > 0) evidence.push({ kind: m, ref: sha256Ref(f.data) });
    else if (typed) evidence.push({ kind: m, ref: typed.toLowerCase() });
  }
  return { values, evidence };
}

export function RepairPage({
  v,
  r,
  title,
  requires,
  error,
  values,
}: {
  v: View;
  r: RecordView;
  title: string;
  requires: readonly string[];
  error?: string | undefined;
  values?: Record<string, string>;
}) {
  const { t } = v;
  const key = `${r.source}/${r.id}`;
  const material = (m: string) => t(`material.${m}` as MessageKey);
  return (
    <Page v={v} title={t('repair.title', { record: key })} narrow>
      <Crumb href="/me">{t('nav.me')}</Crumb>
      <h1>{t('repair.title', { record: key })}</h1>
      <RecordFacts v={v} r={r} type={title} />
      <p>{t('repair.lead')}</p>
      <p>{t('repair.requires', { requires: requires.map(material).join(', ') })}</p>
      {error && <Flash kind="error">{error}</Flash>}
      <PostForm v={v} action="/me/repair" class="stack" enctype="multipart/form-data">
        <Hidden name="source" value={r.source} />
        <Hidden name="id" value={r.id} />
        <TextArea
          id="letter"
          label={t('repair.letter')}
          hint={t('repair.letter.hint')}
          rows={6}
          minLength={20}
          value={values?.letter}
        />
        <Field
          id="signed_by"
          label={t('repair.signed_by')}
          hint={t('repair.signed_by.hint')}
          hintId="signed-hint"
        >
          <input
            id="signed_by"
            name="signed_by"
            required
            value={values?.signed_by ?? ''}
            aria-describedby="signed-hint"
          />
        </Field>
        {materialsOf(requires).map((m) => (
          <fieldset key={m}>
            <legend>{t('repair.evidence', { material: material(m) })}</legend>
            <Field id={`file_${m}`} label={t('repair.file')}>
              <input id={`file_${m}`} name={`file_${m}`} type="file" aria-describedby="file-hint" />
            </Field>
            <Field id={`ref_${m}`} label={t('repair.ref')}>
              <input
                id={`ref_${m}`}
                name={`ref_${m}`}
                value={values?.[`ref_${m}`] ?? ''}
                pattern="sha256:[0-9a-fA-F]{64}"
                spellcheck={false}
                autocomplete="off"
              />
            </Field>
          </fieldset>
        ))}
        <p class="hint" id="file-hint">
          {t('repair.file.hint')}
        </p>
        <button type="submit">{t('repair.submit')}</button>
      </PostForm>
    </Page>
  );
}
