import type { ComponentChildren } from 'preact';
import type { exportFile } from '../../app/queries/queries.export.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import type { View } from '../shell/http.ts';
import { Fact } from './blocks.tsx';
import { Time } from './format.tsx';

/** A subject's whole file as the registry exports it, and one record of it. */
export type SubjectFile = Awaited<ReturnType<typeof exportFile>>;
export type RecordView = SubjectFile['records'][number];

/** A record's facts: type, key, date, (points,) legal basis and evidence hashes. */
export function RecordFacts({
  v,
  r,
  type,
  points,
  evidence = 'rec.evidence',
}: {
  v: View;
  r: RecordView;
  type: ComponentChildren;
  points?: ComponentChildren;
  evidence?: MessageKey;
}) {
  const { t } = v;
  return (
    <dl class="facts">
      <Fact label={t('rec.type')}>{type}</Fact>
      <Fact label={t('rec.id')}>
        <code>
          {r.source}/{r.id}
        </code>
      </Fact>
      <Fact label={t('rec.occurred')}>
        <Time t={r.occurred_at} />
      </Fact>
      {points !== undefined && <Fact label={t('rec.points')}>{points}</Fact>}
      <Fact label={t('rec.legal_basis')}>{r.legal_basis}</Fact>
      <Fact label={t(evidence)}>
        {r.evidence.map((e) => (
          <code key={e} class="hash">
            {e}
          </code>
        ))}
      </Fact>
    </dl>
  );
}
