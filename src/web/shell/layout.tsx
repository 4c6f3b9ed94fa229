import type { ComponentChildren } from 'preact';
import { Flash } from '../components/blocks.tsx';
import { Csrf } from '../components/forms.tsx';
import type { MessageKey } from '../i18n/i18n.ts';
import { href, type View } from './http.ts';

function langHref(v: View, lang: string): string {
  return `${v.here}${v.here.includes('?') ? '&' : '?'}lang=${encodeURIComponent(lang)}`;
}

const AREAS: Record<string, { path: string; key: MessageKey }> = {
  subject: { path: '/me', key: 'nav.me' },
  reviewer: { path: '/review', key: 'nav.review' },
  admin: { path: '/admin', key: 'nav.admin' },
  auditor: { path: '/oversight', key: 'nav.oversight' },
};

/** The page shell: skip link, header with navigation and the language switch, main, footer. */
export function Page({
  v,
  title,
  children,
  narrow,
}: {
  v: View;
  title: string;
  children: ComponentChildren;
  narrow?: boolean;
}) {
  const { t } = v;
  const area = v.user ? AREAS[v.user.role] : undefined;
  const path = v.here.split('?')[0] ?? '/';
  const current = (p: string) =>
    (p === '/' ? path === '/' : path === p || path.startsWith(`${p}/`)) ? ('page' as const) : undefined;
  return (
    <html lang={v.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t('site.name')}`}</title>
        <link rel="icon" href="/favicon.ico" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/credence.css" />
        <script src="/assets/credence.js" defer />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('skip')}
        </a>
        <header class="site">
          <div class="bar">
            <a class="brand" href="/">
              <span class="brand-name">{t('site.name')}</span>
              <span class="brand-tag">{t('site.tagline')}</span>
            </a>
            <nav class="lang" aria-label={t('nav.language')}>
              <a
                href={langHref(v, 'en')}
                lang="en"
                hrefLang="en"
                aria-current={v.lang === 'en' ? 'true' : undefined}
              >
                English
              </a>
              <a
                href={langHref(v, 'zh-CN')}
                lang="zh-CN"
                hrefLang="zh-CN"
                aria-current={v.lang === 'zh-CN' ? 'true' : undefined}
              >
                中文
              </a>
            </nav>
          </div>
          <nav class="main-nav" aria-label={t('nav.label')}>
            <ul>
              <li>
                <a href="/" aria-current={current('/')}>
                  {t('nav.search')}
                </a>
              </li>
              <li>
                <a href="/lists/black" aria-current={current('/lists/black')}>
                  {t('nav.black')}
                </a>
              </li>
              <li>
                <a href="/lists/red" aria-current={current('/lists/red')}>
                  {t('nav.red')}
                </a>
              </li>
              <li>
                <a href="/oversight" aria-current={current('/oversight')}>
                  {t('nav.oversight')}
                </a>
              </li>
              {area && area.path !== '/oversight' && (
                <li>
                  <a href={area.path} aria-current={current(area.path)}>
                    {t(area.key)}
                  </a>
                </li>
              )}
              <li class="session">
                {v.user ? (
                  <form method="post" action="/logout" class="inline">
                    <Csrf v={v} />
                    <span class="who">
                      {t('nav.signed_in', { role: t(`role.${v.user.role}` as MessageKey) })}
                    </span>{' '}
                    <button type="submit" class="link">
                      {t('nav.signout')}
                    </button>
                  </form>
                ) : (
                  <a href={href('/login', { next: path === '/login' ? undefined : v.here })}>
                    {t('nav.signin')}
                  </a>
                )}
              </li>
            </ul>
          </nav>
        </header>
        <main id="main" class={narrow ? 'narrow' : undefined}>
          {children}
        </main>
        <footer class="site">
          <p>{t('footer.text')}</p>
          <p>
            <a href="/v1/openapi.json">{t('footer.api')}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

export function ErrorPage({ v, title, message }: { v: View; title: string; message: string }) {
  return (
    <Page v={v} title={title} narrow>
      <h1>{title}</h1>
      <Flash kind="error">{message}</Flash>
      <p>
        <a href="/">{v.t('error.back')}</a>
      </p>
    </Page>
  );
}

export function LoginPage({
  v,
  next,
  error,
  demo,
}: {
  v: View;
  next: string;
  error?: string | undefined;
  demo: boolean;
}) {
  const { t } = v;
  return (
    <Page v={v} title={t('login.title')} narrow>
      <h1>{t('login.title')}</h1>
      <p>{t('login.lead')}</p>
      {error && <Flash kind="error">{error}</Flash>}
      <form method="post" action="/login" class="stack">
        <input type="hidden" name="next" value={next} />
        <div class="field">
          <label for="token">{t('login.token')}</label>
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="off"
            required
            aria-describedby="token-hint"
            spellcheck={false}
          />
          <p class="hint" id="token-hint">
            {t('login.token.hint')}
          </p>
        </div>
        <button type="submit">{t('login.submit')}</button>
      </form>
      {demo && <p class="hint">{t('login.demo')}</p>}
    </Page>
  );
}

/** For callers in plain .ts files (the route registration): the error and sign-in pages as elements. */
export const errorPage = (v: View, title: string, message: string) => (
  <ErrorPage v={v} title={title} message={message} />
);
export const loginPage = (v: View, next: string, demo: boolean, error?: string) => (
  <LoginPage v={v} next={next} demo={demo} error={error} />
);
