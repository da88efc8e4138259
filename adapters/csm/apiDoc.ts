// The CSM dialect's OpenAPI description (BMC Cloud Lifecycle Management's REST API): the standard request body with
// each operation's declared parameters (operationParams.ts), the bean arrays it answers and its [CloudError] body.
// Class and operation segments are path parameters, as the router registers them; their values come from the
// operations table.
import { z } from 'zod';
import type { DialectDoc, OperationDoc } from '../../src/http/apiDoc';
import { CLASSES, OPERATIONS } from './operations';
import { standardBodySchema } from './operationParams';
import { TOKEN_HEADER } from './session';
import { TRANSACTION_HEADER } from './transaction';

export const CsmError = z
  .array(z.object({ cloudClass: z.literal('com.bmc.cloud.model.beans.CloudError'), errorCause: z.string(), errorID: z.string(), guid: z.string() }))
  .length(1)
  .meta({ description: 'CSM’s error body: one CloudError' });

const bean = z.looseObject({ cloudClass: z.string() });
const beans = z.array(bean);
const HEADERS = { [TRANSACTION_HEADER]: 'the request’s transaction id (the client’s own, when it sent one)' };
const ok = (description: string, extra: Record<string, string> = {}) => ({ '200': { description, schema: beans, headers: { ...HEADERS, ...extra } } });

const names = (scope: 'static' | 'instance') => [...new Set(OPERATIONS.filter((o) => o.scope === scope).map((o) => o.name))];
const listed = (scope: 'static' | 'instance') =>
  OPERATIONS.filter((o) => o.scope === scope)
    .map((o) => `\`${o.className}/${scope === 'instance' ? '{guid}/' : ''}${o.name}\` (${o.params.map((p) => `${p.name}: ${p.multiplicity}`).join(', ') || 'no parameters'})`)
    .join('; ');
const body = (scope: 'static' | 'instance') => {
  const ops = OPERATIONS.filter((o) => o.scope === scope);
  return standardBodySchema(ops.flatMap((o) => o.params).filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i));
};
const CLASS = `the class: ${CLASSES.join(', ')} (matched without regard to case)`;

const TAG = 'CSM';
const DOCS: Record<string, OperationDoc> = {
  'post /csm/login': {
    summary: 'Log in: a session token in the Authentication-Token header',
    open: true,
    body: z.object({ username: z.string(), password: z.string() }),
    responses: ok('An empty array; the session token is in Authentication-Token', { [TOKEN_HEADER]: 'the session token, sent back on every call' }),
  },
  'post /csm/logout': { summary: 'Log out: the session ends', responses: ok('An empty array') },
  'get /csm/:cls/:guid': {
    summary: 'Get an object (ServiceOfferingInstance, ServiceOffering or Task)',
    params: { cls: CLASS, guid: 'the object' },
    responses: ok('The object, as an array of one'),
  },
  'get /csm/:cls/:guid/:rel': {
    summary: 'Get a task’s result (`Task/{guid}/result`)',
    params: { cls: 'Task', guid: 'the task', rel: 'result' },
    responses: ok('The task, as an array of one'),
  },
  'post /csm/:cls/:seg': {
    summary: 'Run a class operation (search, bulkCreate), or refresh an object (`{class}/{guid}`)',
    description: `Operations: ${listed('static')}.`,
    params: { cls: CLASS, seg: `an operation (${names('static').join(', ')}) or an object's guid` },
    body: body('static'),
    responses: ok('SearchResults or the Task, as an array of one'),
  },
  'post /csm/:cls/:guid/:op': {
    summary: 'Run an operation on an object (share, transferOwnership, decommission, ...)',
    description: `Operations: ${listed('instance')}. The Task answers when it is done or when the request's timeout passes (0: at once).`,
    params: { cls: CLASS, guid: 'the object', op: `the operation: ${names('instance').join(', ')}` },
    body: body('instance'),
    responses: ok('The Task, as an array of one'),
  },
};

export const csmApiDoc: DialectDoc = {
  dialect: 'csm',
  title: 'BMC CLM (CSM)',
  version: '4.6.0',
  description: 'BMC Cloud Lifecycle Management’s REST API as sharegate serves it: service offering instances, sharing them, their tasks.',
  error: CsmError,
  security: { session: { type: 'apiKey', in: 'header', name: TOKEN_HEADER, description: 'the token POST /csm/login answers' } },
  tags: { [TAG]: 'Every CSM call' },
  operation(method, path) {
    return { tags: [TAG], ...(DOCS[`${method} ${path}`] ?? { responses: ok('OK') }), headers: { [TRANSACTION_HEADER]: 'a transaction id to correlate the call (echoed)' } };
  },
};

export const describedCsmRoutes = Object.keys(DOCS);
