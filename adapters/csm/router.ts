// The CSM dialect (BMC Cloud Lifecycle Management's REST API, contracts/csm.md), under /csm. Class and operation
// segments match case-insensitively; every body is a JSON array; errors are [CloudError]; every response carries a
// BMC-Transaction-ID.
import express, { type Request, type RequestHandler, type Router } from 'express';
import type { Core } from '../../src/core/core';
import { invalid, notFound } from '../../src/core/errors';
import type { LoginPort } from '../../src/core/login';
import { bodyParser } from '../../src/http/bodyParsing';
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
const csm = (handler: (req: Request) => Promise<Reply>): RequestHandler => route(renderCsmError, async (req) => withTransaction(req, await handler(req)));

function classOf(req: Request): string {
  const name = String(req.params.cls ?? '');
  const cls = classNamed(name);
  if (!cls) throw notFound('csm.unknown_class', { name });
  return cls;
}

export function csmRouter(core: Core, options: CsmOptions): Router {
  const router = express.Router();
  const session = csmSession(core);
  router.use('/csm', transactionId);
  router.post(
    '/csm/login',
    lenientJsonBody,
    csm((req) => login(req, core, options.login)),
  );
  router.post(
    '/csm/logout',
    session,
    csm((req) => logout(req, core)),
  );

  // GET csm/<class>/<guid> (a task also at csm/task/<guid>/result)
  router.get(
    '/csm/:cls/:guid',
    session,
    csm(async (req) => getObject(req, core, classOf(req), String(req.params.guid), options.publicUrl)),
  );
  router.get(
    '/csm/:cls/:guid/:rel',
    session,
    csm(async (req) => {
      const cls = classOf(req);
      const rel = String(req.params.rel);
      if (cls !== 'Task' || rel.toLowerCase() !== 'result') throw notFound('csm.unknown_operation', { className: cls, name: rel });
      return getObject(req, core, cls, String(req.params.guid), options.publicUrl);
    }),
  );
  // POST csm/<class>/<operation> (search, bulkCreate) or csm/<class>/<guid> (refresh: the object as it is now)
  router.post(
    '/csm/:cls/:seg',
    session,
    lenientJsonBody,
    csm(async (req) => {
      const cls = classOf(req);
      const seg = String(req.params.seg);
      const entry = operationNamed(cls, seg, 'static');
      if (entry) return runOperation(req, core, entry, '', options);
      return getObject(req, core, cls, seg, options.publicUrl);
    }),
  );
  // POST csm/<class>/<guid>/<operation>
  router.post(
    '/csm/:cls/:guid/:op',
    session,
    lenientJsonBody,
    csm(async (req) => {
      const cls = classOf(req);
      const entry = operationNamed(cls, String(req.params.op), 'instance');
      if (!entry) throw notFound('csm.unknown_operation', { className: cls, name: String(req.params.op) });
      return runOperation(req, core, entry, String(req.params.guid), options);
    }),
  );
  // anything else under /csm: a CloudError, never the CF 404
  router.all(
    '/csm{/*rest}',
    csm(async (req) => {
      if (req.method !== 'GET' && req.method !== 'POST') throw invalid('csm.method', { method: req.method });
      throw notFound('csm.unknown_class', { name: req.path.split('/')[2] ?? '' });
    }),
  );
  router.use('/csm', errorMiddleware(renderCsmError));
  return router;
}
