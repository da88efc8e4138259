// How v3 handlers are declared (src/http/makeAdd): authentication, the scope check and body parsing in front, one
// wrapper behind.
import type { Request, RequestHandler } from 'express';
import { SCOPES, hasScope, type Actor } from '../../../src/core/actor';
import type { Core } from '../../../src/core/core';
import type { Operation } from '../../../src/core/records';
import type { Add as AddRoute, Method, RouteSetup } from '../../../src/http/makeAdd';
import type { Reply } from '../../../src/http/route';
import { CfError } from '../errorCatalogue';
import type { Links } from '../links';
import { renderV3Error } from './renderError';

export interface V3Context {
  core: Core;
  links: Links;
}

export type V3Handler = (req: Request, ctx: V3Context) => Promise<Reply>;
/** `add(method, path, handler, extraReadScopes?)` */
export type Add = AddRoute<V3Context, string[]>;

const READ = [SCOPES.read, SCOPES.admin, SCOPES.adminReadOnly, SCOPES.globalAuditor];
const WRITE = [SCOPES.write, SCOPES.admin];

/** Reads need a read scope (or one of the route's extra read scopes), everything else a write scope. */
const scopeCheck = (method: Method, extraReadScopes: string[] = []): RequestHandler => {
  const scopes = method === 'get' ? [...READ, ...extraReadScopes] : WRITE;
  return (req, _res, next) => next(hasScope(req.actor!, ...scopes) ? undefined : new CfError('NotAuthorized'));
};

/** v3's routes: authenticated, scope-checked, JSON bodies on every method but GET, CF v3 errors. */
export const v3Routes = (context: V3Context, auth: RequestHandler): RouteSetup<V3Context, string[]> => ({
  render: renderV3Error,
  context,
  auth,
  guard: scopeCheck,
  bodyMethods: ['post', 'put', 'patch', 'delete'],
});

export const actorOf = (req: Request): Actor => req.actor!;
export const param = (req: Request, name: string) => String(req.params[name]);
export const ok = (body: unknown, status = 200): Reply => ({ status, body });
export const noContent = (): Reply => ({ status: 204 });
export const accepted = (links: Links, op: Operation): Reply => ({ status: 202, headers: { Location: links.url(`/v3/jobs/${op.guid}`) } });
