// How env-shares handlers are declared (src/http/makeAdd): authentication (bearer, session cookie, plugged-in
// schemes) and JSON bodies in front, the one route wrapper behind.
import type { Request, RequestHandler } from 'express';
import type { Actor } from '../../src/core/actor';
import type { Core } from '../../src/core/core';
import type { Add as AddRoute, RouteSetup } from '../../src/http/makeAdd';
import type { Reply } from '../../src/http/route';
import { renderEnvSharesError } from './renderError';

export type EnvSharesHandler = (req: Request, core: Core) => Promise<Reply>;
export type Add = AddRoute<Core>;

/** env-shares routes: authenticated, JSON bodies on POST and PATCH, errors in Golem's format. */
export const envSharesRoutes = (core: Core, auth: RequestHandler[]): RouteSetup<Core> => ({ render: renderEnvSharesError, context: core, auth });

export const actorOf = (req: Request): Actor => req.actor!;
export const ok = (body: unknown): Reply => ({ status: 200, body });
