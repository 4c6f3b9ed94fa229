import type { listView } from '../../app/queries/queries.usecases.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import type { View } from '../shell/http.ts';
import { Fact } from './blocks.tsx';
import { Time } from './format.tsx';

/** A list entry as the public and the subject read it: what, why, on what basis, from and until when. */

export type EntryView = ReturnType<typeof listView>;

/** The reason of a list entry in words. `recordTitle` names a grounding record (`source/id`). */
export function groundsText(v: View, e: EntryView, recordTitle: (key: string) => string): string {
  const g = e.grounds;
  if (g.kind === 'records') return v.t('grounds.records', { records: g.records.map(recordTitle).join('; ') });
  if (g.kind === 'condition')
    return v.t('grounds.condition', { score: g.score, grade: g.grade, condition: g.condition });
  return v.t('grounds.escalation', { list: g.list });
}

export function exitText(v: View, exit: string): string {
  return v.t(`exit.${exit}` as MessageKey);
}

/** One list entry as a definition list: what, why, on what basis, from and until when, and how to contest. */
export function EntryCard({
  v,
  e,
  recordTitle,
  contest,
}: {
  v: View;
  e: EntryView;
  recordTitle: (key: string) => string;
  contest?: string | undefined;
}) {
  const { t } = v;
  return (
    <article class={`entry entry-${e.kind}`}>
      <h3>
        {e.title} <span class="tag">{t(`kind.${e.kind}` as MessageKey)}</span>
      </h3>
      <dl class="facts">
        <Fact label={t('entry.reason')}>{groundsText(v, e, recordTitle)}</Fact>
        <Fact label={t('entry.legal_basis')}>{e.legal_basis}</Fact>
        {e.warned_at && e.warned_at !== e.since && (
          <Fact label={t('entry.notified')}>
            <Time t={e.warned_at} />
          </Fact>
        )}
        <Fact label={t('entry.since')}>
          <Time t={e.since} />
        </Fact>
        <Fact label={t('entry.until')}>{e.until ? <Time t={e.until} /> : t('entry.no_end')}</Fact>
        {e.earliest_repair && (
          <Fact label={t('entry.repair_from')}>
            <Time t={e.earliest_repair} />
          </Fact>
        )}
        <Fact label={t('entry.decision')}>
          <code>{e.decision}</code> · {t('entry.rulebook')} {e.rulebook.name} {e.rulebook.version}
        </Fact>
        {contest && <Fact label={t('entry.contest')}>{contest}</Fact>}
      </dl>
    </article>
  );
}
