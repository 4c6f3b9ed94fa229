import type { MessageKey } from '../i18n/i18n.ts';
import type { View } from '../shell/http.ts';
import { Section } from './blocks.tsx';
import { day, pts } from './format.tsx';
import type { SubjectFile } from './record.tsx';

/** A score explained: where it starts, every contribution with its reason and end, and what will change next. */

type ScoreExplained = SubjectFile['score'];

/** Why the score is what it is: the base, each contribution (with the path for a related subject's record). */
export function Explanation({ v, s }: { v: View; s: ScoreExplained }) {
  const { t } = v;
  return (
    <Section id="why-h" title={t('me.why')}>
      <p>{t('me.base', { base: s.base })}</p>
      {s.contributions.length === 0 ? (
        <p>{t('me.no_contributions')}</p>
      ) : (
        <ul class="explain">
          {s.contributions.map((c) => (
            <li
              key={`${c.source}/${c.record}/${c.rule ?? ''}/${c.path}`}
              class={c.points < 0 ? 'neg' : 'pos'}
            >
              {t('me.contribution', {
                points: pts(c.points),
                reason: c.reason,
                record: `${c.source}/${c.record}`,
                until: day(c.until),
              })}
              {c.path !== 'self' ? t('me.contribution.path', { path: c.path }) : ''}
            </li>
          ))}
        </ul>
      )}
      {s.clamped && <p>{t('me.clamped', { from: s.clamped.from, to: s.clamped.to })}</p>}
    </Section>
  );
}

/** What will change without anyone doing anything: the next grade change, the next change, repair dates. */
export function NextChanges({
  v,
  s,
  titles,
}: {
  v: View;
  s: ScoreExplained;
  titles: (type: string) => string;
}) {
  const { t } = v;
  const next = s.next_grade_change;
  return (
    <Section id="next-h" title={t('me.next')}>
      <ul>
        <li>
          {next
            ? t('me.next.grade', {
                from: next.from,
                to: next.to,
                date: day(next.at),
                score: next.score,
                because: next.because.join('; '),
              })
            : t('me.next.none')}
        </li>
        {s.next_change_at && <li>{t('me.next.change', { date: day(s.next_change_at) })}</li>}
        {s.repairable.map((r) => (
          <li key={r.record}>
            {t('me.repairable', {
              record: r.record,
              type: titles(r.type),
              date: day(r.from),
              requires: r.requires.map((m) => t(`material.${m}` as MessageKey)).join(', '),
            })}
          </li>
        ))}
      </ul>
    </Section>
  );
}
