import { Section } from '../components/blocks.tsx';
import { pts, Time } from '../components/format.tsx';
import type { SubjectFile } from '../components/record.tsx';
import { Table } from '../components/table.tsx';
import type { MessageKey } from '../i18n/i18n.ts';
import { href, type View } from '../shell/http.ts';
import { type RecordActions, statusOf } from './me.data.ts';

/** The subject's records (newest first, with the points each counts and what can be done) and its cases. */
export function MyRecords({
  v,
  file,
  actions,
  titles,
}: {
  v: View;
  file: SubjectFile;
  actions: ReadonlyMap<string, RecordActions>;
  titles: (type: string) => string;
}) {
  const { t } = v;
  const s = file.score;
  const counting = new Set(s.contributions.map((c) => `${c.source}/${c.record}`));
  const pointsOf = (key: string) =>
    s.contributions.filter((c) => `${c.source}/${c.record}` === key).reduce((sum, c) => sum + c.points, 0);
  const head = ['rec.type', 'rec.id', 'rec.occurred', 'rec.points', 'rec.status', 'rec.actions'] as const;
  const action = (key: string, path: string, label: MessageKey, source: string, id: string) => (
    <a href={href(path, { source, id })}>
      {t(label)}
      <span class="visually-hidden"> {key}</span>
    </a>
  );
  return (
    <Section id="records-h" title={t('me.records')}>
      {file.records.length === 0 ? (
        <p>{t('me.records.none')}</p>
      ) : (
        <Table label={t('me.records')} head={head.map((k) => t(k))}>
          {[...file.records].reverse().map((r) => {
            const key = `${r.source}/${r.id}`;
            const a = actions.get(key);
            return (
              <tr key={key}>
                <td>{titles(r.type)}</td>
                <td>
                  <code>{key}</code>
                </td>
                <td>
                  <Time t={r.occurred_at} />
                </td>
                <td class="num">{counting.has(key) ? pts(pointsOf(key)) : '—'}</td>
                <td>{t(statusOf(r, counting.has(key)))}</td>
                <td>
                  {a?.object && action(key, '/me/object', 'me.object', r.source, r.id)}{' '}
                  {a?.repair && action(key, '/me/repair', 'me.repair', r.source, r.id)}
                </td>
              </tr>
            );
          })}
        </Table>
      )}
    </Section>
  );
}

/** The subject's objections and repair applications, newest first. */
export function MyCases({ v, file }: { v: View; file: SubjectFile }) {
  const { t } = v;
  const cases = [...file.objections, ...file.repairs];
  const head = [
    'case.col.id',
    'case.col.kind',
    'case.col.record',
    'case.col.opened',
    'case.col.deadline',
    'case.col.status',
    'case.col.reasons',
  ] as const;
  return (
    <Section id="cases-h" title={t('me.cases')}>
      {cases.length === 0 ? (
        <p>{t('me.cases.none')}</p>
      ) : (
        <Table label={t('me.cases')} head={head.map((k) => t(k))}>
          {cases
            .sort((a, b) => (b.opened_at ?? '').localeCompare(a.opened_at ?? ''))
            .map((c) => (
              <tr key={c.id}>
                <td>
                  <code>{c.id}</code>
                </td>
                <td>{t(`case.kind.${c.kind}` as MessageKey)}</td>
                <td>
                  <code>{c.record}</code>
                </td>
                <td>
                  <Time t={c.opened_at} />
                </td>
                <td>
                  <Time t={c.deadline} />
                </td>
                <td>{t(`case.status.${c.status}` as MessageKey)}</td>
                <td>{c.reasons ?? ''}</td>
              </tr>
            ))}
        </Table>
      )}
    </Section>
  );
}
