import { parse } from 'yaml';
import {
  activateRulebook,
  checkRulebook,
  draftRulebook,
  publishRulebook,
  rulebookVersions,
} from '../../app/governance/governance.rulebooks.ts';
import { whatIf } from '../../app/governance/governance.whatif.ts';
import { Ingestor } from '../../app/ingest/ingest.usecases.ts';
import type { AppContext } from '../../app/ports/ports.context.ts';
import { createToken, listTokens, revokeToken } from '../../app/tokens/tokens.usecases.ts';
import { CredenceError, formatIssue } from '../../domain/errors.ts';
import { diffDocuments } from '../../rules/diff.ts';
import { day } from '../components/format.tsx';
import { field, href, PAGE, queryOf, requireRole, sendPage, type View, type Web } from '../shell/http.ts';
import { DiffPage } from './admin.diff.tsx';
import { AdminPage } from './admin.home.tsx';
import { ImpactPage } from './admin.impact.tsx';

/** Administration: sources, tokens, rulebook versions with their diff, and draft activation after its impact. */

async function adminData(ctx: AppContext) {
  const [sources, tokens, rulebooks, rows] = await Promise.all([
    ctx.store.sources(),
    listTokens(ctx),
    rulebookVersions(ctx),
    ctx.store.rulebooks(),
  ]);
  const latest = [...rows].reverse().find((r) => (r.status ?? 'published') === 'published');
  return { sources, tokens: [...tokens].reverse(), rulebooks, latestText: latest?.source ?? '' };
}

export function adminRoutes(web: Web, ctx: AppContext): void {
  const page = async (
    v: View,
    extra: {
      flash?: string;
      error?: string;
      issues?: readonly string[];
      newToken?: { role: string; token: string };
      draft?: string;
    } = {},
  ) => {
    const d = await adminData(ctx);
    return (
      <AdminPage
        v={v}
        sources={d.sources}
        tokens={d.tokens}
        rulebooks={d.rulebooks}
        draft={extra.draft ?? d.latestText}
        flash={extra.flash}
        error={extra.error}
        issues={extra.issues}
        newToken={extra.newToken}
      />
    );
  };

  web.get('/admin', PAGE, async (req, reply) => {
    requireRole(req, ['admin']);
    const v = req.webView;
    const q = queryOf(req);
    const flash = q.activated
      ? v.t('admin.activated', { name: q.activated, version: q.version ?? '' })
      : q.published
        ? v.t('admin.published', { name: q.published, version: q.version ?? '', date: q.until ?? '' })
        : q.drafted
          ? v.t('admin.drafted', { name: q.drafted, version: q.version ?? '' })
          : q.saved
            ? v.t('admin.saved')
            : q.revoked
              ? v.t('admin.revoked')
              : undefined;
    return sendPage(reply, await page(v, flash ? { flash } : {}));
  });

  web.post('/admin/sources', PAGE, async (req, reply) => {
    requireRole(req, ['admin']);
    const domains = field(req.body, 'domains')
      .split(/[,\s]+/)
      .filter(Boolean);
    const [r] = await new Ingestor(req.webCtx).apply([
      { kind: 'source', id: field(req.body, 'id'), name: field(req.body, 'name'), domains },
    ]);
    if (r?.ok) return reply.redirect('/admin?saved=1', 303);
    return sendPage(reply, await page(req.webView, { error: r?.message ?? 'rejected' }), 400);
  });

  web.post('/admin/tokens', PAGE, async (req, reply) => {
    requireRole(req, ['admin']);
    const b = req.body;
    const opt = (k: string) => field(b, k) || undefined;
    try {
      const role = field(b, 'role');
      const source = opt('source');
      const subjectRef = opt('subject');
      const expires = opt('expires');
      const label = opt('label');
      const tk = await createToken(req.webCtx, {
        role,
        ...(source ? { source } : {}),
        ...(subjectRef ? { subjectRef } : {}),
        ...(expires ? { expires } : {}),
        ...(label ? { label } : {}),
      });
      return sendPage(reply, await page(req.webView, { newToken: { role, token: tk.token } }), 201);
    } catch (e) {
      if (!(e instanceof CredenceError)) throw e;
      return sendPage(reply, await page(req.webView, { error: e.message }), 400);
    }
  });

  web.post('/admin/tokens/:id/revoke', PAGE, async (req, reply) => {
    requireRole(req, ['admin']);
    await revokeToken(req.webCtx, (req.params as { id: string }).id);
    return reply.redirect('/admin?revoked=1', 303);
  });

  web.get('/admin/rulebooks/diff', PAGE, async (req, reply) => {
    requireRole(req, ['admin', 'auditor']);
    const q = queryOf(req);
    const rows = await ctx.store.rulebooks();
    const versions = await rulebookVersions(ctx);
    const version = versions.find((r) => r.hash === q.hash) ?? versions[0];
    const row = rows.find((r) => r.hash === version?.hash);
    if (!version || !row) throw new CredenceError('rulebook.not_found', 'no such rulebook version');
    // the text diff is against the version the stored changes were computed from: the one in force before it
    const before =
      rows
        .filter(
          (r) =>
            r.hash !== row.hash &&
            (r.status ?? 'published') === 'published' &&
            Number(r.effective_from) <= Number(row.effective_from),
        )
        .sort((a, b) => Number(a.effective_from) - Number(b.effective_from))
        .pop()?.source ?? '';
    return sendPage(
      reply,
      <DiffPage v={req.webView} version={{ ...version, source: row.source }} before={before} />,
    );
  });

  const draftText = async (body: unknown): Promise<{ text: string; stored: boolean }> => {
    const hash = field(body, 'hash');
    if (hash) {
      const row = (await ctx.store.rulebooks()).find((r) => r.hash === hash);
      if (!row) throw new CredenceError('rulebook.not_found', `no rulebook version ${hash}`);
      return { text: row.source, stored: true };
    }
    const text = `${field(body, 'text').replace(/\r\n/g, '\n')}\n`;
    const stored = (await ctx.store.rulebooks()).some((r) => r.source === text);
    return { text, stored };
  };

  web.post('/admin/rulebooks/impact', PAGE, async (req, reply) => {
    requireRole(req, ['admin']);
    const v = req.webView;
    const { text, stored } = await draftText(req.body);
    const r = checkRulebook(text);
    if (!r.value)
      return sendPage(reply, await page(v, { issues: r.issues.map(formatIssue), draft: text }), 400);
    const impact = await whatIf(req.webCtx, r.value);
    const rows = (await ctx.store.rulebooks()).filter((x) => (x.status ?? 'published') === 'published');
    const current = rows[rows.length - 1]?.source ?? '';
    return sendPage(
      reply,
      <ImpactPage
        v={v}
        impact={impact}
        text={text}
        current={current}
        changes={diffDocuments(parse(current), parse(text))}
        stored={stored}
        grades={r.value.grades.map((g) => g.grade)}
      />,
    );
  });

  /** Activation, publication for comment and saving a draft all go through the rulebook layer. */
  const lifecycle = (
    path: string,
    run: (actx: AppContext, text: string, body: unknown) => Promise<Record<string, string>>,
  ) =>
    web.post(path, PAGE, async (req, reply) => {
      requireRole(req, ['admin']);
      const { text } = await draftText(req.body);
      try {
        return reply.redirect(href('/admin', await run(req.webCtx, text, req.body)), 303);
      } catch (e) {
        if (!(e instanceof CredenceError)) throw e;
        return sendPage(
          reply,
          await page(req.webView, { error: e.message, issues: e.issues.map(formatIssue), draft: text }),
          400,
        );
      }
    });
  lifecycle('/admin/rulebooks/activate', async (actx, text) => {
    const rb = await activateRulebook(actx, text);
    return { activated: rb.name, version: rb.version };
  });
  lifecycle('/admin/rulebooks/publish', async (actx, text, body) => {
    const r = await publishRulebook(actx, text, field(body, 'period') || 'P0D');
    return { published: r.rulebook.name, version: r.rulebook.version, until: day(r.commentUntil) };
  });
  lifecycle('/admin/rulebooks/draft', async (actx, text) => {
    const r = await draftRulebook(actx, text);
    return { drafted: r.rulebook.name, version: r.rulebook.version };
  });
}
