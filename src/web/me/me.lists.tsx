import { Section } from '../components/blocks.tsx';
import { EntryCard, exitText } from '../components/entry.tsx';
import { day, Time } from '../components/format.tsx';
import type { SubjectFile } from '../components/record.tsx';
import { href, type View } from '../shell/http.ts';
import type { RecordActions } from './me.data.ts';

/** The subject's list entries, each with a button to object to or repair its grounding records; past entries. */
export function MyLists({
  v,
  file,
  actions,
  recordTitle,
}: {
  v: View;
  file: SubjectFile;
  actions: ReadonlyMap<string, RecordActions>;
  recordTitle: (key: string) => string;
}) {
  const { t } = v;
  const s = file.score;
  const past = file.list_history.filter((e) => e.until !== null && Date.parse(e.until) <= v.now);
  return (
    <Section id="lists-h" title={t('me.lists')}>
      {s.lists.length === 0 && s.warnings.length === 0 && <p>{t('me.lists.none')}</p>}
      {[...s.lists, ...s.warnings].map((e) => {
        const grounds = e.grounds.kind === 'records' ? e.grounds.records : [];
        return (
          <div key={e.decision}>
            <EntryCard v={v} e={e} recordTitle={recordTitle} />
            <p class="actions">
              {grounds.map((k) => {
                const a = actions.get(k);
                const [source, ...rest] = k.split('/');
                const id = rest.join('/');
                return (
                  <span key={k}>
                    {a?.object && (
                      <a class="button" href={href('/me/object', { source, id })}>
                        {t('me.object')}: {id}
                      </a>
                    )}{' '}
                    {a?.repair && (
                      <a class="button" href={href('/me/repair', { source, id })}>
                        {t('me.repair')}: {id}
                      </a>
                    )}
                  </span>
                );
              })}
            </p>
          </div>
        );
      })}
      {past.length > 0 && (
        <>
          <h3>{t('me.list_history')}</h3>
          <ul>
            {past.map((e) => (
              <li key={e.decision}>
                {e.title}: <Time t={e.since} /> → <Time t={e.until} /> —{' '}
                {t('entry.ended', { date: day(e.until), why: exitText(v, e.exit) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
