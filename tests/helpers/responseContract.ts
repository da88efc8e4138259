// Every response a test gateway sends is checked against the OpenAPI document of its dialect (the same documents
// GET /openapi/<dialect>.json serves, built from the same app): its status must be documented for the route it
// matched, and its body must be valid for that status's schema (ajv, JSON Schema 2020-12). A request no route matched
// must be answered in the dialect's error envelope. The responses are only noted while the gateway serves them (no
// check slows a request down or delays the next one); they are checked when the test ends, and a finding fails the
// test that was running (tests/helpers/checkResponses.ts, run after each test by jest's setupFilesAfterEnv).
import type { Application, RequestHandler, Response } from 'express';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { csmApiDoc } from '../../adapters/csm/apiDoc';
import { v2ApiDoc } from '../../adapters/cf/v2/apiDoc';
import { v3ApiDoc } from '../../adapters/cf/v3/apiDoc';
import { envSharesApiDoc } from '../../adapters/env-shares/apiDoc';
import { uaaApiDoc } from '../../adapters/uaa/apiDoc';
import { dialectOf } from '../../src/http/dialect';
import { routeTemplateOf } from '../../src/http/routeTemplate';
import { apiDocuments } from '../../src/ops/apiDocsRouter';
import { openApiPath, registeredRoutes } from '../../src/ops/openApiDocument';

export const DIALECT_DOCS = [v3ApiDoc, v2ApiDoc, csmApiDoc, envSharesApiDoc, uaaApiDoc];

type Json = Record<string, unknown>;

interface Checker {
  documents: Map<string, Json>;
  ajv: Ajv2020;
  compiled: Map<string, ValidateFunction>;
}

const checkers = new WeakMap<Application, Checker>();
/** gateways with the same routes share their documents and compiled schemas (most test files start several) */
const byRoutes = new Map<string, Checker>();

function checkerOf(app: Application): Checker {
  let c = checkers.get(app);
  if (!c) {
    const signature = registeredRoutes(app)
      .map((r) => `${r.method} ${r.path}`)
      .join('\n');
    c = byRoutes.get(signature);
    if (!c) {
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats(ajv);
      c = { documents: apiDocuments(app, DIALECT_DOCS), ajv, compiled: new Map() };
      byRoutes.set(signature, c);
    }
    checkers.set(app, c);
  }
  return c;
}

/** The schema at `path` in a dialect's document, compiled on its first use (each schema of a document is whole: it
 * refers to no other part of the document). */
function validator(c: Checker, dialect: string, ...path: string[]): ValidateFunction {
  const key = `${dialect} ${path.join(' ')}`;
  let v = c.compiled.get(key);
  if (!v) {
    let schema: unknown = c.documents.get(dialect);
    for (const part of path) schema = (schema as Json)[part];
    v = c.ajv.compile(schema as Json);
    c.compiled.set(key, v);
  }
  return v;
}

/** A response as it was sent. */
interface Sent {
  app: Application;
  method: string;
  url: string;
  /** the route that answered, as registered (`unmatched` when none did) */
  template: string;
  status: number;
  contentType: string;
  body: Buffer;
}

const pending: Sent[] = [];
let checked = 0;

const mediaType = (header: unknown) => (typeof header === 'string' ? header.split(';')[0]!.trim().toLowerCase() : '');

function check(sent: Sent): string | undefined {
  const { status, template, body } = sent;
  const dialect = dialectOf(sent.url);
  const c = checkerOf(sent.app);
  const doc = c.documents.get(dialect);
  if (!doc) return undefined; // the operations endpoints and /docs are in no dialect's document
  const what = `${sent.method} ${sent.url} -> ${status}`;
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const method = sent.method.toLowerCase();
  const operation = paths[openApiPath(template)]?.[method];
  const text = body.toString('utf8');
  const type = sent.contentType;
  let responsePath: string[];
  let response: Json | undefined;
  if (operation) {
    const responses = operation.responses as Record<string, Json>;
    const key = String(status) in responses ? String(status) : 'default';
    response = responses[key];
    responsePath = ['paths', openApiPath(template), method, 'responses', key];
  } else {
    // no documented route answered: the dialect's error envelope
    if (status < 400) return `${what}: ${template === 'unmatched' ? 'no route matched' : `route ${template}`} is not in the ${dialect} document, but answered ${status}`;
    response = { content: { 'application/json': {} } };
    responsePath = ['components', 'schemas', 'Error'];
  }
  if (!response) return `${what}: status ${status} is not documented for ${method.toUpperCase()} ${template}`;
  const content = response.content as Record<string, Json> | undefined;
  if (!content) return text.length === 0 ? undefined : `${what}: documented without a body, but answered ${JSON.stringify(text.slice(0, 200))}`;
  if (text.length === 0) return `${what}: answered no body, but the document has one (${Object.keys(content).join(', ')})`;
  if (!(type in content)) return `${what}: answered ${type || 'no Content-Type'}, documented ${Object.keys(content).join(', ')}`;
  if (type !== 'application/json') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return `${what}: the body is not JSON: ${JSON.stringify(text.slice(0, 200))}`;
  }
  const validate = operation ? validator(c, dialect, ...responsePath, 'content', type, 'schema') : validator(c, dialect, ...responsePath);
  if (validate(json)) return undefined;
  const errors = (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`)
    .join('; ');
  return `${what}: the body does not match ${dialect}#/${responsePath.join('/')}: ${errors}\n  body: ${text.slice(0, 400)}`;
}

/** Middleware that notes the response of every request, once it is sent, to be checked against its dialect's document. */
export const checkResponses: RequestHandler = (req, res, next) => {
  if (req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  (res as unknown as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]) => {
    keep(args[0], args[1]);
    return write(...args);
  };
  (res as unknown as { end: (...args: unknown[]) => Response }).end = (...args: unknown[]) => {
    keep(args[0], args[1]);
    return end(...args);
  };
  res.once('finish', () => {
    pending.push({
      app: req.app,
      method: req.method,
      url: req.originalUrl,
      template: routeTemplateOf(req),
      status: res.statusCode,
      contentType: mediaType(res.getHeader('content-type')),
      body: Buffer.concat(chunks),
    });
  });
  next();
};

/** Checks the responses sent since the last call; what differs from the documents. */
export function takeFindings(): string[] {
  const findings: string[] = [];
  for (const sent of pending.splice(0, pending.length)) {
    checked++;
    try {
      const finding = check(sent);
      if (finding) findings.push(finding);
    } catch (error) {
      findings.push(`${sent.method} ${sent.url}: the check failed: ${String(error)}`);
    }
  }
  return findings;
}

/** How many responses were checked so far (those still pending included). */
export const checkedResponses = () => checked + pending.length;
