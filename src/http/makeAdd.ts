// How a dialect declares its routes: one `add(method, path, handler)` that puts authentication, an optional
// per-route guard and body parsing in front of the handler, and the route wrapper (with the dialect's error
// renderer) behind it.
import { routeTemplateOf } from './routeTemplate';
import type { Request, RequestHandler, Router } from 'express';
import { jsonBody } from './bodyParsing';
import { route, type ErrorRenderer, type Reply } from './route';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A handler: the request and the dialect's context in, a Reply out. */
export type ContextHandler<C> = (req: Request, ctx: C) => Promise<Reply> | Reply;

/** Registers one route; `extra` is handed to the dialect's guard (CF v3: further scopes that may read). */
export type Add<C, X = never> = (method: Method, path: string, handler: ContextHandler<C>, extra?: X) => void;

export interface RouteSetup<C, X = never> {
  /** the dialect's error renderer: every error of these routes goes through it */
  render: ErrorRenderer;
  /** what every handler receives beside the request (the core, link builders, ...) */
  context: C;
  /** middleware in front of every route, in order (authentication); none for public routes */
  auth?: RequestHandler | RequestHandler[];
  /** per-route middleware after `auth`, from the method and the route's `extra` (CF v3: its scope check) */
  guard?: (method: Method, extra: X | undefined) => RequestHandler | undefined;
  /** the body parser, after the guard: `jsonBody` unless given (see `bodyParser` for the options) */
  body?: RequestHandler;
  /** the methods whose body is parsed: post, put and patch unless given */
  bodyMethods?: readonly Method[];
}

const BODY_METHODS: readonly Method[] = ['post', 'put', 'patch'];

/** Notes the matched route's template before anything of the route runs (a later error handler mounted under a path
 * changes `req.baseUrl`). */
const rememberTemplate: RequestHandler = (req, _res, next) => {
  req.routeTemplate = routeTemplateOf(req);
  next();
};

export function makeAdd<C, X = never>(router: Router, setup: RouteSetup<C, X>): Add<C, X> {
  const auth = setup.auth === undefined ? [] : Array.isArray(setup.auth) ? setup.auth : [setup.auth];
  const bodyMethods = setup.bodyMethods ?? BODY_METHODS;
  const body = setup.body ?? jsonBody;
  return (method, path, handler, extra) => {
    const chain: RequestHandler[] = [rememberTemplate, ...auth];
    const guard = setup.guard?.(method, extra);
    if (guard) chain.push(guard);
    if (bodyMethods.includes(method)) chain.push(body);
    router[method](
      path,
      ...chain,
      route(setup.render, (req) => handler(req, setup.context)),
    );
  };
}
