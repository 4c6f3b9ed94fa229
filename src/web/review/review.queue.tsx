import type { CaseRow } from '../../app/ports/ports.due-process.ts';
import { Section } from '../components/blocks.tsx';
import { Time } from '../components/format.tsx';
import { Table } from '../components/table.tsx';
import type { View } from '../shell/http.ts';
import { Page } from '../shell/layout.tsx';

/** The reviewer's queues: open objections and repair applications, oldest first, overdue ones marked. */

export interface QueueRow {
  readonly c: CaseRow;
  readonly subject: string;
  readonly ref: string;
}

function Queue({ v, id, title, rows }: { v: View; id: string; title: string; rows: readonly QueueRow[] }) {
  const { t } = v;
  const head = [
    'case.col.id',
    'review.subject',
    'case.col.record',
    'case.col.opened',
    'case.col.deadline',
  ] as const;
  return (
    <Section
      id={id}
      title={
        <>
          {title} <span class="count">({rows.length})</span>
        </>
      }
    >
      {rows.length === 0 ? (
        <p>{t('review.none')}</p>
      ) : (
        <Table label={title} head={head.map((k) => t(k))}>
          {rows.map(({ c, subject, ref }) => {
            const overdue = Number(c.deadline) < v.now;
            return (
              <tr key={c.id} class={overdue ? 'overdue' : undefined}>
                <td>
                  <a
                    href={`/review/case/${encodeURIComponent(c.id)}`}
                    aria-label={t('review.open', { id: c.id })}
                  >
                    {c.id}
                  </a>
                </td>
                <td>
                  {subject} <code>{ref}</code>
                </td>
                <td>
                  <code>
                    {c.source}/{c.record_id}
                  </code>
                </td>
                <td>
                  <Time t={Number(c.opened_at)} />
                </td>
                <td>
                  <Time t={Number(c.deadline)} />
                  {overdue && <span class="tag tag-alert"> {t('review.overdue')}</span>}
                </td>
              </tr>
            );
          })}
        </Table>
      )}
    </Section>
  );
}

export function ReviewPage({
  v,
  objections,
  repairs,
}: {
  v: View;
  objections: readonly QueueRow[];
  repairs: readonly QueueRow[];
}) {
  const { t } = v;
  return (
    <Page v={v} title={t('review.title')}>
      <h1>{t('review.title')}</h1>
      <p class="lead">{t('review.lead')}</p>
      <Queue v={v} id="objections-h" title={t('review.objections')} rows={objections} />
      <Queue v={v} id="repairs-h" title={t('review.repairs')} rows={repairs} />
    </Page>
  );
}
