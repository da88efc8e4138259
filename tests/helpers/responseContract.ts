// Every response a test gateway sends is checked against the OpenAPI document of its dialect (the same documents
// GET /openapi/<dialect>.json serves, built from the same app): its status must be documented for the route it
// matched, and its body must be valid for that status's schema (ajv, JSON Schema 2020-12). A request no route matched
// must be answered in the dialect's error envelope. Findings are collected here and fail the test that was running
// (tests/helpers/checkResponses.ts, run after each test by jest's setupFilesAfterEnv).
import type { Application, Request, RequestHandler, Response } from 'express';
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
import { openApiPath } from '../../src/ops/openApiDocument';

export const DIALECT_DOCS = [v3ApiDoc, v2ApiDoc, csmApiDoc, envSharesApiDoc, uaaApiDoc];

type Json = Record<string, unknown>;

interface Checker {
  documents: Map<string, Json>;
  ajv: Ajv2020;
  compiled: Map<string, ValidateFunction>;
}

const checkers = new WeakMap<Application, Checker>();
const findings: string[] = [];
let checked = 0;

function checkerOf(app: Application): Checker {
  let c = checkers.get(app);
  if (!c) {
    const documents = apiDocuments(app, DIALECT_DOCS);
    const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
    addFormats(ajv);
    for (const [name, doc] of documents) ajv.addSchema(doc, name);
    c = { documents, ajv, compiled: new Map() };
    checkers.set(app, c);
  }
  return c;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function validator(c: Checker, dialect: string, ...path: string[]): ValidateFunction {
  const ref = `${dialect}#/${pointer(...path)}`;
  let v = c.compiled.get(ref);
  if (!v) {
    v = c.ajv.compile({ $ref: ref });
    c.compiled.set(ref, v);
  }
  return v;
}

const mediaType = (header: unknown) => (typeof header === 'string' ? header.split(';')[0]!.trim().toLowerCase() : '');

function check(req: Request, res: Response, body: Buffer): string | undefined {
  const dialect = dialectOf(req.originalUrl);
  const c = checkerOf(req.app);
  const doc = c.documents.get(dialect);
  if (!doc) return undefined; // the operations endpoints and /docs are in no dialect's document
  const status = res.statusCode;
  const what = `${req.method} ${req.originalUrl} -> ${status}`;
  const template = routeTemplateOf(req);
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const method = req.method.toLowerCase();
  const operation = paths[openApiPath(template)]?.[method];
  const text = body.toString('utf8');
  const type = mediaType(res.getHeader('content-type'));
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
    response = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
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

/** Middleware that checks the response of every request against its dialect's document, once it is sent. */
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
    checked++;
    try {
      const finding = check(req, res, Buffer.concat(chunks));
      if (finding) findings.push(finding);
    } catch (error) {
      findings.push(`${req.method} ${req.originalUrl}: the check failed: ${String(error)}`);
    }
  });
  next();
};

/** The findings since the last call (and forgets them). */
export function takeFindings(): string[] {
  return findings.splice(0, findings.length);
}

export const checkedResponses = () => checked;
