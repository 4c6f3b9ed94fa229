import type { Outcome } from '../../app/due-process/due-process.cases.ts';
import type { CaseRow } from '../../app/ports/ports.due-process.ts';
import { Crumb, Fact, Flash, Section } from '../components/blocks.tsx';
import { day, GradeBadge, pts, Time } from '../components/format.tsx';
import { PostForm, TextArea } from '../components/forms.tsx';
import { RecordFacts, type SubjectFile } from '../components/record.tsx';
import type { MessageKey } from '../i18n/i18n.ts';
import type { View } from '../shell/http.ts';
import { Page } from '../shell/layout.tsx';

/** One case (an objection or a repair application): the record, what the subject submitted, the decision. */

interface CaseProps {
  v: View;
  c: CaseRow;
  file: SubjectFile;
  title: string;
  canDecide: boolean;
  error?: string | undefined;
  reasons?: string | undefined;
}

interface Submission {
  statement?: string;
  letter?: { text: string; signed_by: string };
  evidence?: { kind: string; ref: string }[];
}

/** The record objected to or to be repaired, with its points now and its history. */
function CaseRecord({ v, c, file, title }: CaseProps) {
  const { t } = v;
  const r = file.records.find((x) => x.source === c.source && x.id === c.record_id);
  const points = file.score.contributions
    .filter((x) => x.source === c.source && x.record === c.record_id)
    .reduce((s, x) => s + x.points, 0);
  if (!r)
    return (
      <p>
        <code>
          {c.source}/{c.record_id}
        </code>
      </p>
    );
  return (
    <>
      <RecordFacts
        v={v}
        r={r}
        type={
          <>
            {title} <code>{r.type}</code>
          </>
        }
        points={points === 0 ? '—' : pts(points)}
        evidence="review.record_evidence"
      />
      {r.status_history.length > 0 && (
        <>
          <h3>{t('review.history')}</h3>
          <ul>
            {r.status_history.map((e, i) => (
              <li key={i}>
                <Time t={e.at} /> — {t(`status.${e.event}` as MessageKey)}: {e.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** The subject's statement (objection) or letter and evidence (repair). */
function CaseSubmission({ v, c }: CaseProps) {
  const { t } = v;
  const sub = JSON.parse(c.submission) as Submission;
  if (c.kind === 'objection')
    return (
      <Section id="sub-h" title={t('review.statement')}>
        <blockquote class="statement">{sub.statement}</blockquote>
      </Section>
    );
  return (
    <Section id="sub-h" title={t('review.letter')}>
      <blockquote class="statement">{sub.letter?.text}</blockquote>
      <p>{t('review.signed_by', { who: sub.letter?.signed_by ?? '' })}</p>
      <h3>{t('review.evidence')}</h3>
      <ul>
        {(sub.evidence ?? []).map((e) => (
          <li key={e.ref}>
            {t(`material.${e.kind}` as MessageKey)}: <code class="hash">{e.ref}</code>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** The decision: as taken, or the form (outcome and reasons) for a reviewer, or read-only for an auditor. */
function CaseDecision({ v, c, canDecide, error, reasons }: CaseProps) {
  const { t } = v;
  const outcomes: Outcome[] = c.kind === 'objection' ? ['uphold', 'annul'] : ['approve', 'reject'];
  return (
    <Section id="decide-h" title={t('review.decide')}>
      {c.status !== 'open' ? (
        <Flash kind="ok">
          {t('review.decided', {
            status: t(`case.status.${c.status}` as MessageKey),
            date: day(c.decided_at === null ? null : Number(c.decided_at)),
            by: c.decided_by ?? '',
          })}{' '}
          {c.reasons}
        </Flash>
      ) : canDecide ? (
        <PostForm v={v} action={`/review/case/${encodeURIComponent(c.id)}`} class="stack">
          {error && <Flash kind="error">{error}</Flash>}
          <fieldset>
            <legend>{t('review.outcome')}</legend>
            {outcomes.map((o) => (
              <div class="choice" key={o}>
                <input type="radio" id={`outcome-${o}`} name="outcome" value={o} required />
                <label for={`outcome-${o}`}>{t(`outcome.${o}` as MessageKey)}</label>
              </div>
            ))}
          </fieldset>
          <TextArea
            id="reasons"
            label={t('review.reasons')}
            hint={t('review.reasons.hint')}
            rows={5}
            value={reasons}
          />
          <button type="submit">{t('review.submit')}</button>
        </PostForm>
      ) : (
        <p>{t('review.read_only')}</p>
      )}
    </Section>
  );
}

/** The case page, where objections and repair applications are decided. */
export function CasePage(props: CaseProps) {
  const { v, c, file } = props;
  const { t } = v;
  return (
    <Page v={v} title={t('review.case', { id: c.id })}>
      <Crumb href="/review">{t('review.title')}</Crumb>
      <h1>
        {t('review.case', { id: c.id })} <span class="tag">{t(`case.kind.${c.kind}` as MessageKey)}</span>
      </h1>
      <dl class="facts wide">
        <Fact label={t('review.subject')}>
          {file.subject.name} <code>{file.subject.ref}</code>
        </Fact>
        <Fact label={t('case.col.opened')}>
          <Time t={Number(c.opened_at)} />
        </Fact>
        <Fact label={t('case.col.deadline')}>
          <Time t={Number(c.deadline)} />
          {c.status === 'open' && Number(c.deadline) < v.now && (
            <span class="tag tag-alert"> {t('review.overdue')}</span>
          )}
        </Fact>
        <Fact label={t('case.col.status')}>{t(`case.status.${c.status}` as MessageKey)}</Fact>
      </dl>
      <p>
        {t('review.subject_score', { score: file.score.score })} <GradeBadge grade={file.score.grade} />
      </p>
      <Section id="record-h" title={t('review.record')}>
        <CaseRecord {...props} />
      </Section>
      <CaseSubmission {...props} />
      <CaseDecision {...props} />
    </Page>
  );
}
