import type { ScoreHistory } from '../../app/queries/queries.history.ts';
import type { ScoreView } from '../../app/queries/queries.usecases.ts';
import type { PublicProfile } from '../../app/search/search.profile.ts';
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
  profile: PublicProfile;
  /** The instant asked for with `?at=`; absent: now. */
  asOf?: string | undefined;
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

const signed = (n: number) => (n < 0 ? `−${Math.abs(n)}` : `+${n}`);

function AsOf({ v, usci, asOf }: OrgProps) {
  const { t } = v;
  return (
    <form method="get" action={`/org/${usci}`} class="search asof">
      {asOf && <p class="lead">{t('org.asof', { at: asOf.slice(0, 10) })}</p>}
      <label for="at">{t('org.asof.label')}</label>
      <div class="search-row">
        <input id="at" name="at" type="date" value={asOf?.slice(0, 10) ?? ''} />
        <button type="submit">{t('org.asof.submit')}</button>
      </div>
    </form>
  );
}

/** The score in words: each public record by its title, the non-public ones in one line. */
function Explanation({ v, profile }: OrgProps) {
  const { t } = v;
  const { items, non_public } = profile.explanation;
  return (
    <Section id="explanation-h" title={t('org.explanation')}>
      {items.length === 0 && non_public.count === 0 ? (
        <p>{t('org.explanation.none')}</p>
      ) : (
        <>
          <p>{t('org.explanation.lead', { base: profile.base })}</p>
          <ul class="explanation">
            {items.map((i) => (
              <li key={i.record}>
                {i.title} <span class="num">{signed(i.points)}</span>
                {i.until && (
                  <span class="hint"> ({t('org.explanation.until', { until: i.until.slice(0, 10) })})</span>
                )}
              </li>
            ))}
            {non_public.count > 0 && (
              <li>
                {t('org.explanation.non_public', {
                  count: non_public.count,
                  points: signed(non_public.points),
                })}
              </li>
            )}
          </ul>
        </>
      )}
    </Section>
  );
}

/** Every measure in force: kind, title, until when, legal basis and the decision behind it. */
function Measures({ v, profile }: OrgProps) {
  const { t } = v;
  const lists = new Map(profile.lists.map((l) => [l.decision, l]));
  return (
    <Section id="measures-h" title={t('org.measures')}>
      <p class="hint">{t('org.measures.lead')}</p>
      {profile.measures.length === 0 ? (
        <p>{t('org.measures.none')}</p>
      ) : (
        profile.measures.map((m) => (
          <article key={m.measure} class={`measure measure-${m.kind}`}>
            <h3>
              {m.title} <span class="tag">{t(`org.measure.kind.${m.kind}`)}</span>
            </h3>
            <dl class="facts">
              <Fact label={t('org.measure.until')}>
                {m.until ? <Time t={m.until} /> : t('org.measure.open')}
              </Fact>
              {m.legal_basis && <Fact label={t('org.measure.basis')}>{m.legal_basis}</Fact>}
              {m.decisions.map((d) => (
                <Fact key={d.id} label={t('org.measure.decision')}>
                  {lists.get(d.id)?.title ?? d.list} — <code>{d.id}</code>
                  {d.since && (
                    <>
                      {' '}
                      (<Time t={d.since} />)
                    </>
                  )}
                </Fact>
              ))}
              {m.because && <Fact label={t('org.measure.because')}>{m.because}</Fact>}
            </dl>
          </article>
        ))
      )}
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
      <AsOf {...props} />
      <Measures {...props} />
      <Explanation {...props} />
      <Lists {...props} />
      <Records {...props} />
      <Section id="history-h" title={t('org.history')}>
        <ScoreChart v={v} id="history" title={t('org.history')} history={history} publicView />
      </Section>
    </Page>
  );
}
