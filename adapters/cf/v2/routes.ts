// How v2 handlers are declared: authentication and scope check in front, the body read as JSON whatever its
// Content-Type, one wrapper behind that writes the Reply (or the v2 error) with CC's headers.
import type { Request, RequestHandler, Router } from 'express';
import { SCOPES, hasScope, type Actor } from '../../../src/core/actor';
import type { Core } from '../../../src/core/core';
import { makeAdd as makeRouteAdd, type Method } from '../../../src/http/makeAdd';
import { route, type Reply } from '../../../src/http/route';
import { CfError } from '../errorCatalogue';
import { v2Body } from './parseBody';
import { renderV2Error, V2_CONTENT_TYPE, V2_HEADERS } from './renderError';

export interface V2Context {
  core: Core;
  /** the gateway's public URL (v2 links are relative; a few bodies name the host) */
  publicUrl: string;
}

export type V2Handler = (req: Request, ctx: V2Context) => Promise<Reply> | Reply;
export type V2Method = Method;
export interface RouteOptions {
  /** scopes accepted besides cloud_controller.read (GET) / cloud_controller.write (writes) and admin */
  scopes?: string[];
}
export type Add = (method: V2Method, path: string, handler: V2Handler, options?: RouteOptions) => void;

const READ = [SCOPES.read, SCOPES.admin, SCOPES.adminReadOnly, SCOPES.globalAuditor];
const WRITE = [SCOPES.write, SCOPES.admin];

/** CC's headers on every v2 answer: nosniff, and the exact Content-Type on a body. */
export const withV2Headers = (reply: Reply): Reply => {
  const withHeaders = { ...reply, headers: { ...V2_HEADERS, ...reply.headers } };
  return reply.body !== undefined || reply.text !== undefined ? { ...withHeaders, contentType: reply.contentType ?? V2_CONTENT_TYPE } : withHeaders;
};

export const v2Route = (handler: (req: Request) => Promise<Reply> | Reply): RequestHandler => route(renderV2Error, async (req) => withV2Headers(await handler(req)));

/** A token without the scope the method needs is CC's 403 InsufficientScope. */
const scopeCheck =
  (scopes: string[]): RequestHandler =>
  (req, _res, next) =>
    next(hasScope(req.actor!, ...scopes) ? undefined : new CfError('InsufficientScope'));

export function makeAdd(router: Router, ctx: V2Context, auth: RequestHandler): Add {
  const add = makeRouteAdd<V2Context, RouteOptions>(router, {
    render: renderV2Error,
    context: ctx,
    auth,
    guard: (method, options) => scopeCheck(method === 'get' ? [...READ, ...(options?.scopes ?? [])] : [...WRITE, ...(options?.scopes ?? [])]),
    // the raw body is read as JSON on every write, DELETE included (deprecated role removals carry one)
    body: v2Body,
    bodyMethods: ['post', 'put', 'patch', 'delete'],
  });
  return (method, path, handler, options) => add(method, path, async (req, c) => withV2Headers(await handler(req, c)), options);
}

export const actorOf = (req: Request): Actor => req.actor!;
export const param = (req: Request, name: string) => String(req.params[name]);
export const ok = (body: unknown, status = 200, headers?: Record<string, string>): Reply => ({ status, body, ...(headers ? { headers } : {}) });
export const noContent = (): Reply => ({ status: 204 });

/** A query flag CC reads as a boolean: absent, `true` or `false`; anything else is CF-InvalidRequest. */
export function flag(req: Request, name: string): boolean {
  const raw = req.query[name];
  const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (value === undefined) return false;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new CfError('InvalidRequest');
}
