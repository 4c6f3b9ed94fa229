import type { VersionView } from '../../app/governance/governance.rulebooks.ts';
import { formatChange, type RulebookChange } from '../../rules/diff.ts';
import { Crumb } from '../components/blocks.tsx';
import { Time } from '../components/format.tsx';
import { TableBox } from '../components/table.tsx';
import type { View } from '../shell/http.ts';
import { Page } from '../shell/layout.tsx';
import { hunks, lineDiff } from './admin.line-diff.ts';
import { versionStatus } from './admin.rulebooks.tsx';

/** What a rulebook version changes: field by field, then the text diff against the version before it. */

export function Diff({ v, before, after, label }: { v: View; before: string; after: string; label: string }) {
  const { t } = v;
  const lines = lineDiff(before, after);
  const added = lines.filter((l) => l.op === '+').length;
  const removed = lines.filter((l) => l.op === '-').length;
  if (added + removed === 0) return <p>{t('admin.rb.diff.none')}</p>;
  return (
    <>
      <p>{t('admin.rb.diff.summary', { added, removed })}</p>
      <TableBox label={label}>
        <pre class="diff">
          {hunks(lines).map((l, i) =>
            l === null ? (
              <span key={i} class="gap">
                {'⋯\n'}
              </span>
            ) : (
              <span key={i} class={l.op === '+' ? 'add' : l.op === '-' ? 'del' : undefined}>
                {`${String(l.op === '+' ? l.b : l.a).padStart(4)} ${l.op} ${l.text}\n`}
              </span>
            ),
          )}
        </pre>
      </TableBox>
    </>
  );
}

/** The changes of a version as the rulebook layer computes them (field by field), then the full text diff. */
export function Changes({
  v,
  changes,
  before,
  after,
  label,
}: {
  v: View;
  changes: readonly RulebookChange[];
  before: string;
  after: string;
  label: string;
}) {
  const { t } = v;
  return (
    <>
      {changes.length === 0 ? (
        <p>{t('admin.rb.no_changes')}</p>
      ) : (
        <ul class="changes">
          {changes.map((c) => (
            <li key={c.path} class={`change-${c.kind}`}>
              <code>{formatChange(c)}</code>
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>{t('admin.rb.text_diff')}</summary>
        <Diff v={v} before={before} after={after} label={label} />
      </details>
    </>
  );
}

export function DiffPage({
  v,
  version,
  before,
}: {
  v: View;
  version: VersionView & { source: string };
  before: string;
}) {
  const { t } = v;
  const title = t('admin.rb.diff.title', { name: version.name, version: version.version });
  return (
    <Page v={v} title={title}>
      <Crumb href="/admin">{t('admin.title')}</Crumb>
      <h1>{title}</h1>
      <p>
        {versionStatus(v, version)} · {t('admin.rb.effective')} <Time t={version.effective_from} /> ·{' '}
        <code>{version.hash.slice(0, 12)}</code>
      </p>
      <Changes v={v} changes={version.changes} before={before} after={version.source} label={title} />
    </Page>
  );
}
