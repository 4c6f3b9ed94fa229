import type { ScoreHistory } from '../../app/queries/queries.history.ts';
import { Flash, Section } from '../components/blocks.tsx';
import { Explanation, NextChanges } from '../components/explanation.tsx';
import { GradeBadge } from '../components/format.tsx';
import type { SubjectFile } from '../components/record.tsx';
import { ScoreChart } from '../components/score-chart.tsx';
import type { View } from '../shell/http.ts';
import { Page } from '../shell/layout.tsx';
import type { RecordActions } from './me.data.ts';
import { MyLists } from './me.lists.tsx';
import { MyChecks, MyNotices } from './me.notices.tsx';
import { MyCases, MyRecords } from './me.records.tsx';
import { MyWatchers } from './me.watches.tsx';

/** The subject's own file: score explained, what will change, lists, records, cases, history, notices, checks. */
export function MePage({
  v,
  file,
  history,
  actions,
  titles,
  checkers,
  flash,
}: {
  v: View;
  file: SubjectFile;
  history: ScoreHistory;
  actions: ReadonlyMap<string, RecordActions>;
  titles: (type: string) => string;
  checkers: ReadonlyMap<string, string>;
  flash?: string | undefined;
}) {
  const { t } = v;
  const s = file.score;
  const recordTitle = (key: string) => {
    const r = file.records.find((x) => `${x.source}/${x.id}` === key);
    return r ? `${titles(r.type)} (${key})` : key;
  };
  return (
    <Page v={v} title={t('me.title')}>
      <h1>{t('me.title')}</h1>
      {flash && <Flash kind="ok">{flash}</Flash>}
      <section class="summary" aria-labelledby="score-h">
        <h2 id="score-h">{t('me.score')}</h2>
        <p class="big-score">
          <GradeBadge grade={s.grade} /> <strong class="score">{s.score}</strong>{' '}
          <span class="who-am-i">
            {file.subject.name} · <code>{file.subject.ref}</code>
          </span>
        </p>
      </section>
      <Explanation v={v} s={s} />
      <NextChanges v={v} s={s} titles={titles} />
      <MyLists v={v} file={file} actions={actions} recordTitle={recordTitle} />
      <MyRecords v={v} file={file} actions={actions} titles={titles} />
      <MyCases v={v} file={file} />
      <Section id="history-h" title={t('me.history')}>
        <ScoreChart v={v} id="my-history" title={t('me.history')} history={history} publicView={false} />
      </Section>
      <MyNotices v={v} file={file} />
      <MyChecks v={v} file={file} checkers={checkers} />
      <MyWatchers v={v} file={file} />
      <Section id="export-h" title={t('me.export')}>
        <p>{t('me.export.lead')}</p>
        <p>
          <a class="button" href="/me/export.json" download>
            {t('me.export')}
          </a>
        </p>
      </Section>
    </Page>
  );
}
