import type { View } from '../shell/http.ts';

/** Page links: previous, the first and last pages and two either side of this one, next. */
export function Pager({
  v,
  page,
  pages,
  href,
}: {
  v: View;
  page: number;
  pages: number;
  href: (page: number) => string;
}) {
  const { t } = v;
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={t('lists.pages')}>
      {page > 1 && (
        <a href={href(page - 1)} rel="prev">
          {t('lists.prev')}
        </a>
      )}
      {Array.from({ length: pages }, (_, i) => i + 1)
        .filter((p) => p === 1 || p === pages || Math.abs(p - page) <= 2)
        .map((p) => (
          <a key={p} href={href(p)} aria-current={p === page ? 'page' : undefined}>
            {p}
          </a>
        ))}
      {page < pages && (
        <a href={href(page + 1)} rel="next">
          {t('lists.next')}
        </a>
      )}
    </nav>
  );
}
