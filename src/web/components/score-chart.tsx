import type { HistoryCause, ScoreHistory } from '../../app/queries/queries.history.ts';
import { scoreChart, scoreEvents } from '../../app/reports/reports.charts.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import type { View } from '../shell/http.ts';
import { day, pts } from './format.tsx';
import { Svg } from './svg.tsx';
import { Table } from './table.tsx';

/** What changed the score at a point of its history; the public sees private causes only as points. */
export function causeText(v: View, c: HistoryCause, publicView: boolean): string {
  const delta = pts(c.delta);
  if (publicView && !c.public) return v.t('cause.private', { delta });
  return v.t(`cause.${c.change}` as MessageKey, { delta, title: c.title, record: `${c.source}/${c.record}` });
}

/** The score over time: the chart, its numbered events in words, and every point in a table. */
export function ScoreChart({
  v,
  id,
  title,
  history,
  publicView,
}: {
  v: View;
  id: string;
  title: string;
  history: ScoreHistory;
  publicView: boolean;
}) {
  const { t } = v;
  const points = history.points;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const desc = t('chart.summary', {
    from: day(history.from),
    to: day(history.to),
    first: first.score,
    firstDate: day(first.at),
    last: last.score,
    grade: last.grade,
  });
  const events = scoreEvents(history);
  const causes = (p: (typeof points)[number]) => p.causes.map((c) => causeText(v, c, publicView)).join('; ');
  return (
    <figure class="chart" aria-label={title}>
      <Svg node={scoreChart({ id, title, desc, history })} />
      <h3 class="chart-sub">{t('chart.events')}</h3>
      {events.length === 0 ? (
        <p>{t('chart.no_events')}</p>
      ) : (
        <ol class="events">
          {events.map((p) => (
            <li key={p.at}>
              <time dateTime={day(p.at)}>{day(p.at)}</time> → <strong>{p.score}</strong> ({p.grade}):{' '}
              {causes(p)}
            </li>
          ))}
        </ol>
      )}
      <details>
        <summary>{t('chart.table')}</summary>
        <Table label={title} head={[t('chart.date'), t('chart.score'), t('chart.grade'), t('chart.event')]}>
          {points.map((p) => (
            <tr key={p.at}>
              <td>{day(p.at)}</td>
              <td>{p.score}</td>
              <td>{p.grade}</td>
              <td>{causes(p)}</td>
            </tr>
          ))}
        </Table>
      </details>
    </figure>
  );
}
