import type { FastifyRequest } from 'fastify';
import { fileObjection } from '../../app/due-process/due-process.cases.ts';
import { applyForRepair } from '../../app/due-process/due-process.repairs.ts';
import { checksOfSubject } from '../../app/due-process/due-process.views.ts';
import type { AppContext } from '../../app/ports/ports.context.ts';
import { exportFile } from '../../app/queries/queries.export.ts';
import { scoreHistory } from '../../app/queries/queries.history.ts';
import { listTokens } from '../../app/tokens/tokens.usecases.ts';
import { CredenceError } from '../../domain/errors.ts';
import { day } from '../components/format.tsx';
import { field, href, PAGE, queryOf, requireRole, sendPage, type Web } from '../shell/http.ts';
import { MyChecksPage } from './me.checks.tsx';
import { actionsOf, myRef, recordOf, requiresOf, titlesOf, versionsOf } from './me.data.ts';
import { MePage } from './me.file.tsx';
import { ObjectPage } from './me.object.tsx';
import { RepairPage, repairForm } from './me.repair.tsx';

/** Subject self-service: my file, its export, an objection to a record, an application for repair. */
export function meRoutes(web: Web, ctx: AppContext): void {
  web.get('/me', PAGE, async (req, reply) => {
    const v = req.webView;
    const user = requireRole(req, ['subject']);
    const ref = await myRef(ctx, user.subjectId);
    const [file, history, versions, tokens] = await Promise.all([
      exportFile(req.webCtx, ref),
      scoreHistory(req.webCtx, ref),
      versionsOf(ctx),
      listTokens(ctx),
    ]);
    const checkers = checkersOf(tokens);
    const filed = queryOf(req).filed;
    let flash: string | undefined;
    if (filed) {
      const c = [...file.objections, ...file.repairs].find((x) => x.id === filed);
      if (c)
        flash = v.t(c.kind === 'objection' ? 'me.done.objection' : 'me.done.repair', {
          id: c.id,
          date: day(c.deadline),
        });
    }
    return sendPage(
      reply,
      <MePage
        v={v}
        file={file}
        history={history}
        actions={actionsOf(file, versions, v.now)}
        titles={titlesOf(versions)}
        checkers={checkers}
        flash={flash}
      />,
    );
  });

  /** Who checked me, past the newest page the file shows: the older checks a page at a time. */
  web.get('/me/checks', PAGE, async (req, reply) => {
    const user = requireRole(req, ['subject']);
    const ref = await myRef(ctx, user.subjectId);
    const cursor = queryOf(req).cursor;
    const [page, tokens] = await Promise.all([checksOfSubject(req.webCtx, ref, { cursor }), listTokens(ctx)]);
    return sendPage(reply, <MyChecksPage v={req.webView} page={page} checkers={checkersOf(tokens)} />);
  });

  web.get('/me/export.json', PAGE, async (req, reply) => {
    const user = requireRole(req, ['subject']);
    const ref = await myRef(ctx, user.subjectId);
    const file = await exportFile(req.webCtx, ref);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="credence-file-${ref}.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(file, null, 2));
  });

  /** The record named by the query (`source`, `id`) in the signed-in subject's own file. */
  const myRecord = async (req: FastifyRequest) => {
    const user = requireRole(req, ['subject']);
    const q = queryOf(req);
    const ref = await myRef(ctx, user.subjectId);
    const { r } = await recordOf(req.webCtx, ref, q.source ?? '', q.id ?? '');
    return { r, versions: await versionsOf(ctx) };
  };

  web.get('/me/object', PAGE, async (req, reply) => {
    const { r, versions } = await myRecord(req);
    return sendPage(reply, <ObjectPage v={req.webView} r={r} title={titlesOf(versions)(r.type)} />);
  });

  web.post('/me/object', PAGE, async (req, reply) => {
    const v = req.webView;
    const user = requireRole(req, ['subject']);
    const ref = await myRef(ctx, user.subjectId);
    const source = field(req.body, 'source');
    const id = field(req.body, 'id');
    const statement = field(req.body, 'statement');
    try {
      const c = await fileObjection(req.webCtx, ref, { source, id }, statement);
      return reply.redirect(href('/me', { filed: c.id }), 303);
    } catch (e) {
      if (!(e instanceof CredenceError)) throw e;
      const { r } = await recordOf(req.webCtx, ref, source, id);
      const versions = await versionsOf(ctx);
      return sendPage(
        reply,
        <ObjectPage v={v} r={r} title={titlesOf(versions)(r.type)} error={e.message} statement={statement} />,
        e.code.endsWith('already_open') ? 409 : 400,
      );
    }
  });

  web.get('/me/repair', PAGE, async (req, reply) => {
    const { r, versions } = await myRecord(req);
    const title = titlesOf(versions)(r.type);
    return sendPage(
      reply,
      <RepairPage v={req.webView} r={r} title={title} requires={requiresOf(versions, r)} />,
    );
  });

  web.post('/me/repair', PAGE, async (req, reply) => {
    const v = req.webView;
    const user = requireRole(req, ['subject']);
    const ref = await myRef(ctx, user.subjectId);
    const source = field(req.body, 'source');
    const id = field(req.body, 'id');
    const { r } = await recordOf(req.webCtx, ref, source, id);
    const versions = await versionsOf(ctx);
    const requires = requiresOf(versions, r);
    const { values, evidence } = repairForm(req.body, requires);
    try {
      const letter = { text: values.letter!, signed_by: values.signed_by! };
      const c = await applyForRepair(req.webCtx, ref, { source, id }, letter, evidence);
      return reply.redirect(href('/me', { filed: c.id }), 303);
    } catch (e) {
      if (!(e instanceof CredenceError)) throw e;
      return sendPage(
        reply,
        <RepairPage
          v={v}
          r={r}
          title={titlesOf(versions)(r.type)}
          requires={requires}
          error={e.message}
          values={values}
        />,
        e.code.endsWith('already_applied') ? 409 : 400,
      );
    }
  });
}

/** Who asked, by their token's label and role. */
function checkersOf(tokens: Awaited<ReturnType<typeof listTokens>>): ReadonlyMap<string, string> {
  return new Map(tokens.map((tk) => [`token:${tk.id}`, tk.label ? `${tk.label} (${tk.role})` : tk.role]));
}
