import { Section } from '../components/blocks.tsx';
import { day, Time } from '../components/format.tsx';
import type { SubjectFile } from '../components/record.tsx';
import { Table } from '../components/table.tsx';
import { href, type View } from '../shell/http.ts';

/** The notices sent to the subject, and who checked a measure against it with what answer. */

interface NoticeBody {
  title?: string;
  /** Notices are stored in English with the Chinese title beside it. */
  title_zh?: string;
  reasons?: string[];
  legal_basis?: string;
  options?: { action: string; until?: string | null; from?: string | null }[];
}

export function MyNotices({ v, file }: { v: View; file: SubjectFile }) {
  const { t } = v;
  const notices = file.notices.filter((n) => n.recipient === 'subject').reverse();
  return (
    <Section id="notices-h" title={t('me.notices')}>
      {notices.length === 0 ? (
        <p>{t('me.notices.none')}</p>
      ) : (
        <Table
          label={t('me.notices')}
          head={[t('notice.col.date'), t('notice.col.title'), t('notice.col.options')]}
        >
          {notices.map((n) => {
            const body = n as unknown as NoticeBody;
            return (
              <tr key={n.id}>
                <td>
                  <Time t={n.created_at} />
                </td>
                <td>
                  <strong>{v.lang === 'zh-CN' && body.title_zh ? body.title_zh : body.title}</strong>
                  {body.reasons && body.reasons.length > 0 && <div>{body.reasons.join(' ')}</div>}
                  {body.legal_basis && <div class="hint">{body.legal_basis}</div>}
                </td>
                <td>
                  <ul class="plain">
                    {(body.options ?? []).map((o) => (
                      <li key={o.action}>
                        {o.action}
                        {o.until ? ` (${t('notice.until', { date: day(o.until) })})` : ''}
                        {o.from ? ` (${t('notice.from', { date: day(o.from) })})` : ''}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            );
          })}
        </Table>
      )}
    </Section>
  );
}

/** One check as the file and the checks pages show it. */
type CheckLine = SubjectFile['checks'][number];

/** A table of checks, newest first. */
export function ChecksTable({
  v,
  checks,
  checkers,
}: {
  v: View;
  checks: readonly CheckLine[];
  checkers: ReadonlyMap<string, string>;
}) {
  const { t } = v;
  return (
    <Table
      label={t('me.checks')}
      head={[t('me.check.when'), t('me.check.who'), t('me.check.measure'), t('me.check.answer')]}
    >
      {checks.map((c) => (
        <tr key={c.id}>
          <td>
            <Time t={c.asked_at} />
          </td>
          <td>{checkers.get(c.asked_by) ?? c.asked_by}</td>
          <td>
            <code>{c.measure}</code>
          </td>
          <td>
            {c.applies
              ? c.until
                ? t('me.check.applies', { until: day(c.until) })
                : t('me.check.applies_open')
              : t('me.check.not')}
          </td>
        </tr>
      ))}
    </Table>
  );
}

/** The newest checks of the file (its first page), the total, and a link to the older ones. */
export function MyChecks({
  v,
  file,
  checkers,
}: {
  v: View;
  file: SubjectFile;
  checkers: ReadonlyMap<string, string>;
}) {
  const { t } = v;
  return (
    <Section id="checks-h" title={t('me.checks')}>
      {file.checks.length === 0 ? (
        <p>{t('me.checks.none')}</p>
      ) : (
        <>
          {file.checks_next !== null && (
            <p>{t('me.checks.shown', { shown: file.checks.length, total: file.checks_total })}</p>
          )}
          <ChecksTable v={v} checks={file.checks} checkers={checkers} />
          {file.checks_next !== null && (
            <p>
              <a href={href('/me/checks', { cursor: file.checks_next })} rel="next">
                {t('me.checks.older')}
              </a>
            </p>
          )}
        </>
      )}
    </Section>
  );
}
