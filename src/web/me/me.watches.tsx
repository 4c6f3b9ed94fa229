import { Section } from '../components/blocks.tsx';
import { Time } from '../components/format.tsx';
import type { SubjectFile } from '../components/record.tsx';
import { Table } from '../components/table.tsx';
import type { View } from '../shell/http.ts';

/** Who watches the subject for changes of which measures, why, and until when (issue: monitoring is shown). */
export function MyWatchers({ v, file }: { v: View; file: SubjectFile }) {
  const { t } = v;
  const watches = file.watched_by ?? [];
  return (
    <Section id="watchers-h" title={t('me.watchers')}>
      {watches.length === 0 ? (
        <p>{t('me.watchers.none')}</p>
      ) : (
        <Table
          label={t('me.watchers')}
          head={[
            t('me.watchers.who'),
            t('me.watchers.purpose'),
            t('me.watchers.measures'),
            t('me.watchers.until'),
          ]}
        >
          {watches.map((w) => (
            <tr key={w.watch}>
              <td>{w.watcher}</td>
              <td>{w.purpose}</td>
              <td>{w.measures.join(', ')}</td>
              <td>{w.standing ? <Time t={w.expires_at} /> : t('me.watchers.ended')}</td>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}
