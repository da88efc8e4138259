// The CSM dialect (BMC Cloud Lifecycle Management's REST API, contracts/csm.md), under /csm. Class and operation
// segments match case-insensitively; every body is a JSON array; errors are [CloudError]; every response carries a
// BMC-Transaction-ID.
import express, { type Request, type Router } from 'express';
import type { Core } from '../../src/core/core';
import { invalid, notFound } from '../../src/core/errors';
import type { LoginPort } from '../../src/core/login';
import { bodyParser } from '../../src/http/bodyParsing';
import { makeAdd } from '../../src/http/makeAdd';
import { errorMiddleware, route, type Reply } from '../../src/http/route';
import { login, logout } from './handlers/login';
import { getObject } from './handlers/objects';
import { runOperation, type OperationOptions } from './handlers/operations';
import { classNamed, operationNamed } from './operations';
import { renderCsmError } from './renderError';
import { csmSession } from './session';
import { TRANSACTION_HEADER, transactionId, transactionIdOf } from './transaction';

export interface CsmOptions extends OperationOptions {
  /** the password check every login shares */
  login: LoginPort;
}

/** BMC's documented examples carry trailing commas (`},\n]`): accepted. */
const lenientJsonBody = bodyParser({ trailingCommas: true });

const withTransaction = (req: Request, reply: Reply): Reply => ({ ...reply, headers: { ...reply.headers, [TRANSACTION_HEADER]: transactionIdOf(req) } });

function classOf(req: Request): string {
  const name = String(req.params.cls ?? '');
  const cls = classNamed(name);
  if (!cls) throw notFound('csm.unknown_class', { name });
  return cls;
}

export function csmRouter(core: Core, options: CsmOptions): Router {
  const router = express.Router();
  router.use('/csm', transactionId);
  // every reply carries the request's BMC-Transaction-ID (errors get it from renderCsmError)
  const withId = (handler: (req: Request) => Promise<Reply>) => async (req: Request) => withTransaction(req, await handler(req));
  const setup = { render: renderCsmError, context: undefined, body: lenientJsonBody };
  const open = makeAdd(router, setup);
  const add = makeAdd(router, { ...setup, auth: csmSession(core) });

  open(
    'post',
    '/csm/login',
    withId((req) => login(req, core, options.login)),
  );
  add(
    'post',
    '/csm/logout',
    withId((req) => logout(req, core)),
  );
  // GET csm/<class>/<guid> (a task also at csm/task/<guid>/result)
  add(
    'get',
    '/csm/:cls/:guid',
    withId(async (req) => getObject(req, core, classOf(req), String(req.params.guid), options.publicUrl)),
  );
  add(
    'get',
    '/csm/:cls/:guid/:rel',
    withId(async (req) => {
      const cls = classOf(req);
      const rel = String(req.params.rel);
      if (cls !== 'Task' || rel.toLowerCase() !== 'result') throw notFound('csm.unknown_operation', { className: cls, name: rel });
      return getObject(req, core, cls, String(req.params.guid), options.publicUrl);
    }),
  );
  // POST csm/<class>/<operation> (search, bulkCreate) or csm/<class>/<guid> (refresh: the object as it is now)
  add(
    'post',
    '/csm/:cls/:seg',
    withId(async (req) => {
      const cls = classOf(req);
      const seg = String(req.params.seg);
      const entry = operationNamed(cls, seg, 'static');
      if (entry) return runOperation(req, core, entry, '', options);
      return getObject(req, core, cls, seg, options.publicUrl);
    }),
  );
  // POST csm/<class>/<guid>/<operation>
  add(
    'post',
    '/csm/:cls/:guid/:op',
    withId(async (req) => {
      const cls = classOf(req);
      const entry = operationNamed(cls, String(req.params.op), 'instance');
      if (!entry) throw notFound('csm.unknown_operation', { className: cls, name: String(req.params.op) });
      return runOperation(req, core, entry, String(req.params.guid), options);
    }),
  );
  // anything else under /csm: a CloudError, never the CF 404
  router.all(
    '/csm{/*rest}',
    route(renderCsmError, async (req) => {
      if (req.method !== 'GET' && req.method !== 'POST') throw invalid('csm.method', { method: req.method });
      throw notFound('csm.unknown_class', { name: req.path.split('/')[2] ?? '' });
    }),
  );
  router.use('/csm', errorMiddleware(renderCsmError));
  return router;
}
