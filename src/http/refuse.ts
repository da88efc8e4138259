// An app-level refusal (a limit, overload, the rate limit): the error rendered by the dialect that serves the path,
// with any extra headers, written through writeReply like every other answer.
import type { Request, Response } from 'express';
import { writeReply, type ErrorRenderer } from './route';

/** The renderer of the dialect that serves a path (src/rendererFor.ts). */
export type RendererFor = (path: string) => ErrorRenderer;

export function refuse(req: Request, res: Response, rendererFor: RendererFor, error: Error, headers: Record<string, string> = {}): void {
  const reply = rendererFor(req.path)(error, req);
  writeReply(res, { ...reply, headers: { ...reply.headers, ...headers } });
}
