import { Worker } from 'node:worker_threads';
import { CredenceError, type Issue } from '../../domain/errors.ts';
import type { AppContext } from '../ports/ports.context.ts';
import { workerScript } from '../ports/ports.workers.ts';
import { checkRulebook, invalidRulebook } from './governance.rulebooks.ts';
import { type WhatIfReport, whatIf } from './governance.whatif.ts';

/** What a what-if job thread sends back: the report, the draft's problems, or a failure. */
export type JobAnswer =
  | { readonly report: WhatIfReport }
  | { readonly issues: readonly Issue[] }
  | { readonly error: { readonly code: string; readonly message: string } };

/**
 * A what-if for a request: the draft is loaded and the population evaluated on a worker thread with its own
 * connection, so that the server's event loop stays free (a large or hostile draft costs that thread only).
 * Without a way to open a second connection (an in-memory registry) it runs here.
 */
export async function whatIfOffThread(ctx: AppContext, text: string, at?: number): Promise<WhatIfReport> {
  const answer = ctx.storeFactory ? await inThread(ctx, text, at) : await here(ctx, text, at);
  if ('report' in answer) return answer.report;
  if ('issues' in answer) throw invalidRulebook(answer.issues, 'the draft');
  throw new CredenceError(answer.error.code, answer.error.message);
}

async function here(ctx: AppContext, text: string, at?: number): Promise<JobAnswer> {
  const r = checkRulebook(text);
  if (!r.value) return { issues: r.issues };
  return { report: await whatIf(ctx, r.value, at === undefined ? {} : { at }) };
}

function inThread(ctx: AppContext, text: string, at?: number): Promise<JobAnswer> {
  const { script: url, entry } = workerScript(import.meta.url, 'governance.whatif.job.worker');
  const w = new Worker(url, {
    workerData: { entry: entry.href, factory: ctx.storeFactory, text, at, now: ctx.clock.now() },
  });
  return new Promise<JobAnswer>((resolve, reject) => {
    w.once('message', (a: JobAnswer) => resolve(a));
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`the what-if thread stopped (exit ${code})`)));
  }).finally(() => void w.terminate());
}
