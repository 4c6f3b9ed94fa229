import type { FastifyReply } from 'fastify';
import { CredenceError } from '../domain/errors.ts';
import { problem, sendProblem } from './errors.ts';

/**
 * A concurrency limit for heavy requests (what-if, rulebook publication): at most `running` at once and
 * `waiting` in line; any more are refused at once with `service.busy` (503, Retry-After) instead of piling up.
 */
export class Gate {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  constructor(
    readonly running = 2,
    readonly waiting = 4,
  ) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.running) {
      if (this.queue.length >= this.waiting)
        throw new CredenceError(
          'service.busy',
          `the server is already running ${this.active} heavy requests with ${this.queue.length} waiting; retry in a few seconds`,
          { details: { retryAfter: 5 } },
        );
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else this.active++;
    try {
      return await job();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** Runs a route's heavy work through the gate; a full gate answers 503 `service.busy` with Retry-After. */
export async function throughGate<T>(
  gate: Gate,
  reply: FastifyReply,
  job: () => Promise<T>,
): Promise<T | FastifyReply> {
  try {
    return await gate.run(job);
  } catch (e) {
    if (!(e instanceof CredenceError) || e.code !== 'service.busy') throw e;
    reply.header('retry-after', String(e.details.retryAfter ?? 5));
    return sendProblem(reply, problem(e.code, e.message, undefined, 503));
  }
}
