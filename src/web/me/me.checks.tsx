import type { ChecksPage } from '../../app/queries/queries.checks.ts';
import { href, type View } from '../shell/http.ts';
import { Page } from '../shell/layout.tsx';
import { ChecksTable } from './me.notices.tsx';

/** Older checks of the subject's own file, a page at a time, newest first (the file shows the newest page). */
export function MyChecksPage({
  v,
  page,
  checkers,
}: {
  v: View;
  page: ChecksPage;
  checkers: ReadonlyMap<string, string>;
}) {
  const { t } = v;
  return (
    <Page v={v} title={t('me.checks')}>
      <h1>{t('me.checks')}</h1>
      <p>
        <a href="/me">{t('me.title')}</a>
      </p>
      {page.items.length === 0 ? (
        <p>{t('me.checks.none')}</p>
      ) : (
        <>
          <p>{t('me.checks.all', { total: page.total })}</p>
          <ChecksTable v={v} checks={page.items} checkers={checkers} />
        </>
      )}
      <nav class="pager" aria-label={t('lists.pages')}>
        <a href="/me/checks" rel="first">
          {t('me.checks.newest')}
        </a>
        {page.next !== null && (
          <a href={href('/me/checks', { cursor: page.next })} rel="next">
            {t('me.checks.older')}
          </a>
        )}
      </nav>
    </Page>
  );
}
