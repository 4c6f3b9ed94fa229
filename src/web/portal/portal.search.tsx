import type { ComponentChildren } from 'preact';
import type { MatchKind } from '../../app/search/search.usecases.ts';
import type { UsciCheck } from '../../domain/usci.ts';
import { Flash, Section } from '../components/blocks.tsx';
import type { MessageKey } from '../i18n/i18n.ts';
import { href, type View } from '../shell/http.ts';
import { Page } from '../shell/layout.tsx';

/** The home page: search by name or USCI, the results, and a USCI that fails its check explained. */

/** Does the query look like an attempt at a USCI (rather than a name)? */
export function looksLikeUsci(q: string): boolean {
  return !/\s/.test(q) && q.length >= 15 && q.length <= 20 && (q.match(/\d/g)?.length ?? 0) >= 6;
}

export function usciProblem(v: View, check: Extract<UsciCheck, { ok: false }>): string {
  const { t } = v;
  if (check.expected === '18 characters')
    return t('usci.length', { n: Number.parseInt(check.found, 10) || check.found });
  if (check.message.includes('upper-case'))
    return t('usci.lower', { pos: check.position, found: check.found, expected: check.expected });
  if (check.expected.length > 1) return t('usci.alphabet', { pos: check.position, found: check.found });
  return t(check.position === 17 ? 'usci.check17' : 'usci.check18', {
    found: check.found,
    expected: check.expected,
  });
}

/** The code as typed, the wrong character marked, and what it should be. */
export function UsciError({
  v,
  code,
  check,
}: {
  v: View;
  code: string;
  check: Extract<UsciCheck, { ok: false }>;
}) {
  const chars = Array.from(code);
  return (
    <Flash kind="error">
      <p>{v.t('usci.invalid', { code })}</p>
      <p class="usci-chars" aria-hidden="true">
        {chars.map((c, i) =>
          i + 1 === check.position ? <mark key={i}>{c}</mark> : <span key={i}>{c}</span>,
        )}
        {check.position > chars.length && <mark>␣</mark>}
      </p>
      <p class="usci-problem">{usciProblem(v, check)}</p>
    </Flash>
  );
}

function SearchForm({ v, q }: { v: View; q: string }) {
  const { t } = v;
  return (
    <search>
      <form method="get" action="/" class="search">
        <label for="q">{t('search.label')}</label>
        <div class="search-row">
          <input
            id="q"
            name="q"
            type="search"
            value={q}
            aria-describedby="q-hint"
            autocomplete="off"
            spellcheck={false}
          />
          <button type="submit">{t('search.submit')}</button>
        </div>
        <p class="hint" id="q-hint">
          {t('search.hint.any')}
        </p>
      </form>
    </search>
  );
}

export function HomePage({
  v,
  q,
  results,
  next,
  problem,
}: {
  v: View;
  q: string;
  results?: readonly { usci: string; name: string; match?: MatchKind }[] | undefined;
  next?: string | null | undefined;
  problem?: ComponentChildren;
}) {
  const { t } = v;
  return (
    <Page v={v} title={q ? t('search.results', { q }) : t('home.title')}>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      <SearchForm v={v} q={q} />
      {problem}
      {results && (
        <Section id="results-h" title={t('search.results', { q })}>
          {results.length === 0 ? (
            <p>{t('search.none', { q })}</p>
          ) : (
            <ul class="results">
              {results.map((r) => (
                <li key={r.usci}>
                  <a href={`/org/${r.usci}`}>{r.name}</a> <code>{r.usci}</code>
                  {r.match && r.match !== 'name' && r.match !== 'name_prefix' && (
                    <>
                      {' '}
                      <span class="tag">{t(`search.match.${r.match}` as MessageKey)}</span>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          {next && (
            <p>
              <a href={href('/', { q, cursor: next })}>{t('search.more')}</a>
            </p>
          )}
        </Section>
      )}
      {!results && (
        <Section id="lists-h" title={t('home.lists')} class="cards">
          <ul>
            <li>
              <a href="/lists/black">{t('nav.black')}</a> — {t('home.lists.black')}
            </li>
            <li>
              <a href="/lists/red">{t('nav.red')}</a> — {t('home.lists.red')}
            </li>
            <li>
              <a href="/oversight">{t('nav.oversight')}</a> — {t('home.oversight')}
            </li>
            <li>
              <a href="/verify">{t('verify.title')}</a> — {t('home.verify')}
            </li>
          </ul>
          <p class="hint">{t('home.persons')}</p>
        </Section>
      )}
    </Page>
  );
}
