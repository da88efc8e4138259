// How env-shares handlers are declared: authentication (bearer, session cookie, plugged-in schemes) and body
// parsing in front, the one route wrapper behind.
import type { Request, RequestHandler, Router } from 'express';
import type { Actor } from '../../src/core/actor';
import type { Core } from '../../src/core/core';
import { jsonBody } from '../../src/http/bodyParsing';
import { route, type Reply } from '../../src/http/route';
import { renderEnvSharesError } from './renderError';

export type EnvSharesHandler = (req: Request, core: Core) => Promise<Reply>;
export type Add = (method: 'get' | 'post' | 'patch' | 'delete', path: string, handler: EnvSharesHandler) => void;

export function makeAdd(router: Router, core: Core, auth: RequestHandler[]): Add {
  return (method, path, handler) => {
    const chain = method === 'post' || method === 'patch' ? [...auth, jsonBody] : auth;
    router[method](path, ...chain, route(renderEnvSharesError, (req) => handler(req, core)));
  };
}

export const actorOf = (req: Request): Actor => req.actor!;
export const ok = (body: unknown): Reply => ({ status: 200, body });
