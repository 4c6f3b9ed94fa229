import type { whatIf } from '../../app/governance/governance.whatif.ts';
import type { RulebookChange } from '../../rules/diff.ts';
import { Crumb, Section } from '../components/blocks.tsx';
import { day } from '../components/format.tsx';
import { Hidden, PostForm } from '../components/forms.tsx';
import { Table } from '../components/table.tsx';
import { sectorName } from '../i18n/i18n.ts';
import type { View } from '../shell/http.ts';
import { Page } from '../shell/layout.tsx';
import { Changes } from './admin.diff.tsx';

/** A draft rulebook's impact on the population, its changes, and activating, publishing or saving it. */

type Impact = Awaited<ReturnType<typeof whatIf>>;

const TALLY = ['admin.impact.subjects', 'admin.impact.changed_grade', 'admin.impact.changed_list'] as const;

/** Subjects, and how many would change grade or list, per grade or sector; changed rows marked. */
function TallyTable({
  v,
  label,
  rows,
  name,
}: {
  v: View;
  label: string;
  rows: readonly [string, { subjects: number; changed_grade: number; changed_list: number }][];
  name: (k: string) => string;
}) {
  const { t } = v;
  return (
    <Table label={label} head={[null, ...TALLY.map((k) => t(k))]}>
      {rows.map(([k, x]) => (
        <tr key={k} class={x.changed_grade + x.changed_list > 0 ? 'changed' : undefined}>
          <th scope="row">{name(k)}</th>
          <td class="num">{x.subjects}</td>
          <td class="num">{x.changed_grade}</td>
          <td class="num">{x.changed_list}</td>
        </tr>
      ))}
    </Table>
  );
}

/** Activate now, publish for comment first, or (if not yet stored) save as a draft: each sends the text. */
function Decide({ v, impact, text, stored }: { v: View; impact: Impact; text: string; stored: boolean }) {
  const { t } = v;
  return (
    <Section id="act-h" title={t('admin.impact.decide')}>
      <p class="hint">{t('admin.impact.confirm')}</p>
      <details>
        <summary>{t('admin.draft.text')}</summary>
        <pre class="diff">{text}</pre>
      </details>
      <div class="actions-row">
        <PostForm v={v} action="/admin/rulebooks/activate" confirm={t('admin.impact.confirm')}>
          <Hidden name="text" value={text} />
          <button type="submit" class="danger">
            {t('admin.impact.activate', { name: impact.draft.name, version: impact.draft.version })}
          </button>
        </PostForm>
        <PostForm v={v} action="/admin/rulebooks/publish" class="publish">
          <Hidden name="text" value={text} />
          <label for="period">{t('admin.publish.period')}</label>
          <input id="period" name="period" value="P30D" size={8} />
          <button type="submit">{t('admin.publish')}</button>
        </PostForm>
        {!stored && (
          <PostForm v={v} action="/admin/rulebooks/draft">
            <Hidden name="text" value={text} />
            <button type="submit" class="secondary">
              {t('admin.draft.save')}
            </button>
          </PostForm>
        )}
      </div>
    </Section>
  );
}

export function ImpactPage({
  v,
  impact,
  text,
  current,
  changes,
  stored,
  grades,
}: {
  v: View;
  impact: Impact;
  text: string;
  current: string;
  changes: readonly RulebookChange[];
  stored: boolean;
  grades: readonly string[];
}) {
  const { t } = v;
  const fmtLists = (m: Record<string, number>) =>
    Object.entries(m)
      .map(([l, n]) => `${l} ${n}`)
      .join(', ') || t('admin.impact.none');
  const byGrade = grades
    .filter((g) => impact.by_grade[g])
    .map((g) => [g, impact.by_grade[g]!] as [string, Impact['by_grade'][string]]);
  const bySector = Object.entries(impact.by_sector).sort((a, b) => b[1].subjects - a[1].subjects);
  const title = t('admin.impact.title', { name: impact.draft.name, version: impact.draft.version });
  return (
    <Page v={v} title={title}>
      <Crumb href="/admin">{t('admin.title')}</Crumb>
      <h1>{title}</h1>
      <p class="lead" role="status">
        {t('admin.impact.lead', {
          date: day(impact.at),
          n: impact.subjects,
          grade: impact.changed_grade,
          list: impact.changed_list,
        })}
      </p>
      <div class="two-col">
        <Section id="bygrade-h" title={t('admin.impact.by_grade')}>
          <TallyTable v={v} label={t('admin.impact.by_grade')} rows={byGrade} name={(k) => k} />
        </Section>
        <Section id="bysector-h" title={t('admin.impact.by_sector')}>
          <TallyTable
            v={v}
            label={t('admin.impact.by_sector')}
            rows={bySector}
            name={(k) => sectorName(k, t)}
          />
        </Section>
      </div>
      <Section id="trans-h" title={t('admin.impact.transitions')}>
        {impact.transitions.every((x) => x.from === x.to) ? (
          <p>{t('admin.impact.no_transitions')}</p>
        ) : (
          <Table
            label={t('admin.impact.transitions')}
            head={[t('admin.impact.from'), t('admin.impact.to'), t('admin.impact.count')]}
          >
            {impact.transitions
              .filter((x) => x.from !== x.to)
              .map((x) => (
                <tr key={`${x.from}-${x.to}`}>
                  <td>{x.from}</td>
                  <td>{x.to}</td>
                  <td class="num">{x.count}</td>
                </tr>
              ))}
          </Table>
        )}
        <p>{t('admin.impact.entries', { list: fmtLists(impact.list_entries) })}</p>
        <p>{t('admin.impact.exits', { list: fmtLists(impact.list_exits) })}</p>
      </Section>
      <Section id="diff-h" title={t('admin.rb.diff')}>
        <Changes v={v} changes={changes} before={current} after={text} label={t('admin.rb.diff')} />
      </Section>
      <Decide v={v} impact={impact} text={text} stored={stored} />
    </Page>
  );
}
