import type { VersionView } from '../../app/governance/governance.rulebooks.ts';
import type { TokenRow } from '../../app/ports/ports.store.ts';
import { Flash } from '../components/blocks.tsx';
import type { View } from '../shell/http.ts';
import { Page } from '../shell/layout.tsx';
import { RulebooksSection } from './admin.rulebooks.tsx';
import { SourcesSection } from './admin.sources.tsx';
import { NewToken, TokensSection } from './admin.tokens.tsx';

/** Administration: rulebook versions and the draft, tokens, sources; messages after an action. */
export function AdminPage({
  v,
  sources,
  tokens,
  rulebooks,
  draft,
  flash,
  error,
  issues,
  newToken,
}: {
  v: View;
  sources: readonly { id: string; name: string; domains: string }[];
  tokens: readonly TokenRow[];
  rulebooks: readonly VersionView[];
  draft: string;
  flash?: string | undefined;
  error?: string | undefined;
  issues?: readonly string[] | undefined;
  newToken?: { role: string; token: string } | undefined;
}) {
  const { t } = v;
  return (
    <Page v={v} title={t('admin.title')}>
      <h1>{t('admin.title')}</h1>
      {flash && <Flash kind="ok">{flash}</Flash>}
      {error && <Flash kind="error">{error}</Flash>}
      {newToken && <NewToken v={v} role={newToken.role} token={newToken.token} />}
      <RulebooksSection v={v} rulebooks={rulebooks} draft={draft} issues={issues} />
      <TokensSection v={v} tokens={tokens} />
      <SourcesSection v={v} sources={sources} />
    </Page>
  );
}
