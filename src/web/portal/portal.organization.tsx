import type { ScoreHistory } from '../../app/queries/queries.history.ts';
import type { ScoreView } from '../../app/queries/queries.usecases.ts';
import { regionOf, sectorOf } from '../../domain/usci.ts';
import { Crumb, Fact, Section } from '../components/blocks.tsx';
import { EntryCard, type EntryView } from '../components/entry.tsx';
import { GradeBadge, Time } from '../components/format.tsx';
import { ScoreChart } from '../components/score-chart.tsx';
import { Table } from '../components/table.tsx';
import { regionName, sectorName } from '../i18n/i18n.ts';
import type { View } from '../shell/http.ts';
import { Page } from '../shell/layout.tsx';
import type { PublicRecord } from './portal.data.ts';

/** An organization's public page: its grade and score, public list entries, public records, score history. */

interface OrgProps {
  v: View;
  name: string;
  usci: string;
  score: ScoreView;
  lists: readonly EntryView[];
  warnings: readonly EntryView[];
  records: readonly PublicRecord[];
  history: ScoreHistory;
  recordTitle: (key: string) => string;
  contest: string;
}

function Summary({ v, usci, score, history }: OrgProps) {
  const { t } = v;
  return (
    <section class="summary" aria-label={t('org.grade')}>
      <dl class="facts wide">
        <Fact label={t('org.usci')}>
          <code>{usci}</code>
        </Fact>
        <Fact label={t('org.sector')}>{sectorName(sectorOf(usci), t)}</Fact>
        <Fact label={t('org.region')}>{regionName(regionOf(usci), v.lang)}</Fact>
        <Fact label={t('org.grade')}>
          <GradeBadge grade={score.grade} />
        </Fact>
        <Fact label={t('org.score')}>
          <strong class="score">{score.score}</strong>
        </Fact>
        <Fact label={t('org.rulebook')}>
          {score.rulebook.name} {score.rulebook.version}
        </Fact>
      </dl>
      <p class="hint">
        {t('org.scale', { min: history.scale.min, max: history.scale.max, base: history.scale.base })}{' '}
        {t('org.persons_note')}
      </p>
    </section>
  );
}

function Lists({ v, lists, warnings, recordTitle, contest }: OrgProps) {
  const { t } = v;
  const card = (e: EntryView) => (
    <EntryCard key={e.decision} v={v} e={e} recordTitle={recordTitle} contest={contest} />
  );
  return (
    <Section id="lists-h" title={t('org.lists')}>
      {lists.length === 0 ? <p>{t('org.lists.none')}</p> : lists.map(card)}
      {warnings.length > 0 && (
        <>
          <h3>{t('org.warnings')}</h3>
          {warnings.map(card)}
        </>
      )}
    </Section>
  );
}

function Records({ v, records }: OrgProps) {
  const { t } = v;
  const head = [
    'rec.type',
    'rec.id',
    'rec.occurred',
    'rec.points',
    'rec.published_until',
    'rec.legal_basis',
  ] as const;
  return (
    <Section id="records-h" title={t('org.records')}>
      {records.length === 0 ? (
        <p>{t('org.records.none')}</p>
      ) : (
        <Table label={t('org.records')} head={head.map((k) => t(k))}>
          {records.map((r) => (
            <tr key={r.key}>
              <td>{r.title}</td>
              <td>
                <code>{r.key}</code>
              </td>
              <td>
                <Time t={r.occurred} />
              </td>
              <td class="num">{r.points < 0 ? `−${Math.abs(r.points)}` : `+${r.points}`}</td>
              <td>
                <Time t={r.until} />
              </td>
              <td>{r.legal_basis}</td>
            </tr>
          ))}
        </Table>
      )}
      <p class="hint">{t('org.records.note')}</p>
    </Section>
  );
}

export function OrgPage(props: OrgProps) {
  const { v, name, history } = props;
  const { t } = v;
  return (
    <Page v={v} title={name}>
      <Crumb href="/">{t('nav.search')}</Crumb>
      <h1>{name}</h1>
      <Summary {...props} />
      <Lists {...props} />
      <Records {...props} />
      <Section id="history-h" title={t('org.history')}>
        <ScoreChart v={v} id="history" title={t('org.history')} history={history} publicView />
      </Section>
    </Page>
  );
}
