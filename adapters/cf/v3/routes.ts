// How v3 handlers are declared: authentication, scope check and body parsing in front, one wrapper behind.
import type { Request, RequestHandler, Router } from 'express';
import { SCOPES, hasScope, type Actor } from '../../../src/core/actor';
import type { Core } from '../../../src/core/core';
import type { Operation } from '../../../src/core/records';
import { jsonBody } from '../../../src/http/bodyParsing';
import { route, type Reply } from '../../../src/http/route';
import { CfError } from '../errorCatalogue';
import type { Links } from '../links';
import { renderV3Error } from './renderError';

export interface V3Context {
  core: Core;
  links: Links;
}

export type V3Handler = (req: Request, ctx: V3Context) => Promise<Reply>;
export type Add = (method: 'get' | 'post' | 'patch' | 'delete', path: string, handler: V3Handler, extraReadScopes?: string[]) => void;

const READ = [SCOPES.read, SCOPES.admin, SCOPES.adminReadOnly, SCOPES.globalAuditor];
const WRITE = [SCOPES.write, SCOPES.admin];

export function makeAdd(router: Router, ctx: V3Context, auth: RequestHandler): Add {
  return (method, path, handler, extraReadScopes = []) => {
    const scopes = method === 'get' ? [...READ, ...extraReadScopes] : WRITE;
    const scopeCheck: RequestHandler = (req, _res, next) => next(hasScope(req.actor!, ...scopes) ? undefined : new CfError('NotAuthorized'));
    const chain: RequestHandler[] = [auth, scopeCheck];
    if (method !== 'get') chain.push(jsonBody);
    router[method](path, ...chain, route(renderV3Error, (req) => handler(req, ctx)));
  };
}

export const actorOf = (req: Request): Actor => req.actor!;
export const param = (req: Request, name: string) => String(req.params[name]);
export const ok = (body: unknown, status = 200): Reply => ({ status, body });
export const noContent = (): Reply => ({ status: 204 });
export const accepted = (links: Links, op: Operation): Reply => ({ status: 202, headers: { Location: links.url(`/v3/jobs/${op.guid}`) } });
