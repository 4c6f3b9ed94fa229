import { listView } from '../../app/queries/queries.usecases.ts';
import { groundsText } from '../components/entry.tsx';
import { Time } from '../components/format.tsx';
import { Field } from '../components/forms.tsx';
import { Pager } from '../components/pager.tsx';
import { Table } from '../components/table.tsx';
import { regionName, sectorName } from '../i18n/i18n.ts';
import { href, type View } from '../shell/http.ts';
import { Page } from '../shell/layout.tsx';
import type { ListedSubject } from './portal.data.ts';

/** The public black and red lists: filters (list, name, region, sector), the entries in force, pages. */

/** A filter as a select of its values, "any" first. */
function Choice({
  v,
  id,
  name,
  label,
  value,
  options,
}: {
  v: View;
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  options: readonly { value: string; text: string }[];
}) {
  return (
    <Field id={id} label={label}>
      <select id={id} name={name}>
        <option value="">{v.t('lists.filter.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={value === o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function ListsPage({
  v,
  title,
  lead,
  lists,
  filters,
  rows,
  total,
  page,
  pages,
  regions,
  sectors,
  recordTitle,
}: {
  v: View;
  title: string;
  lead: string;
  lists: readonly { name: string; title: string }[];
  filters: Record<string, string>;
  rows: readonly ListedSubject[];
  total: number;
  page: number;
  pages: number;
  regions: readonly string[];
  sectors: readonly string[];
  recordTitle: (key: string) => string;
}) {
  const { t } = v;
  const base = v.here.split('?')[0]!;
  const pageHref = (p: number) => href(base, { ...filters, page: p > 1 ? p : undefined });
  const head = ['lists.col.name', 'lists.col.usci', 'entry.list', 'entry.reason', 'entry.since'] as const;
  return (
    <Page v={v} title={title}>
      <h1>{title}</h1>
      <p class="lead">{lead}</p>
      <form method="get" action={base} class="filters" aria-label={t('lists.filter')}>
        {lists.length > 1 && (
          <Choice
            v={v}
            id="f-list"
            name="list"
            label={t('lists.filter.list')}
            value={filters.list}
            options={lists.map((l) => ({ value: l.name, text: l.title }))}
          />
        )}
        <Field id="f-q" label={t('lists.filter.q')}>
          <input id="f-q" name="q" type="search" value={filters.q ?? ''} />
        </Field>
        <Choice
          v={v}
          id="f-region"
          name="region"
          label={t('lists.filter.region')}
          value={filters.region}
          options={regions.map((r) => ({ value: r, text: regionName(r, v.lang) }))}
        />
        <Choice
          v={v}
          id="f-sector"
          name="sector"
          label={t('lists.filter.sector')}
          value={filters.sector}
          options={sectors.map((s) => ({ value: s, text: sectorName(s, t) }))}
        />
        <button type="submit">{t('lists.filter.apply')}</button>
      </form>
      <p role="status">
        {t('lists.count', { n: total })}
        {pages > 1 ? ` · ${t('lists.page', { page, pages })}` : ''}
      </p>
      {rows.length === 0 ? (
        <p>{t('lists.none')}</p>
      ) : (
        <Table
          label={title}
          class="list-table"
          head={[...head.map((k) => t(k)), t('entry.until'), t('entry.legal_basis')]}
        >
          {rows.map((r) => {
            const e = listView(r.entry);
            return (
              <tr key={`${r.id}-${e.decision}`}>
                <td>
                  {r.usci ? (
                    <a href={`/org/${r.usci}`}>{r.name}</a>
                  ) : (
                    <>
                      {r.name} <span class="tag">{t('lists.person')}</span>
                    </>
                  )}
                </td>
                <td>{r.usci ? <code>{r.usci}</code> : '—'}</td>
                <td>{e.title}</td>
                <td>{groundsText(v, e, r.usci ? recordTitle : (k) => recordTitle(k).split(' (')[0]!)}</td>
                <td>
                  <Time t={e.since} />
                </td>
                <td>{e.until ? <Time t={e.until} /> : t('entry.no_end')}</td>
                <td class="basis">{e.legal_basis}</td>
              </tr>
            );
          })}
        </Table>
      )}
      <Pager v={v} page={page} pages={pages} href={pageHref} />
    </Page>
  );
}
