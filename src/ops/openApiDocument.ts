// One OpenAPI 3.1 document per dialect, built from the routes the app's routers registered (so a route cannot be left
// undocumented) and the zod schemas the dialect validates with (zod 4's own JSON Schema output, draft 2020-12, which
// is OpenAPI 3.1's schema dialect).
import type { Application } from 'express';
import { z } from 'zod';
import type { DialectDoc, OperationDoc, ResponseDoc } from '../http/apiDoc';
import { dialectOf, type Dialect } from '../http/dialect';
import type { Method } from '../http/makeAdd';

export interface RegisteredRoute {
  method: Method;
  /** as registered, in express's syntax: `/v3/spaces/:guid` */
  path: string;
}

const METHODS: readonly Method[] = ['get', 'post', 'put', 'patch', 'delete'];

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route of the app's routers (routers mounted at the root, as app.ts mounts them), in registration order. */
export function registeredRoutes(app: Application): RegisteredRoute[] {
  const out: RegisteredRoute[] = [];
  const seen = new Set<string>();
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = layer.route.path;
        if (typeof path !== 'string') continue;
        for (const method of METHODS) {
          const key = `${method} ${path}`;
          if (layer.route.methods[method] && !seen.has(key)) {
            seen.add(key);
            out.push({ method, path });
          }
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

/** The routes of one dialect (by path prefix, as requests are told apart). */
export const routesOf = (app: Application, dialect: Dialect) => registeredRoutes(app).filter((r) => dialectOf(r.path) === dialect);

/** `/v3/spaces/:guid` -> `/v3/spaces/{guid}` */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
const paramsOf = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);

type Json = Record<string, unknown>;

export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  delete out.$schema;
  return out;
}

const ERROR_STATUSES: Record<string, string> = { default: 'An error, in the dialect’s error envelope' };

function response(r: ResponseDoc): Json {
  const out: Json = { description: r.description };
  if (r.headers) out.headers = Object.fromEntries(Object.entries(r.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]));
  if (r.schema) out.content = { [r.contentType ?? 'application/json']: { schema: jsonSchema(r.schema, 'output') } };
  else if (r.contentType) out.content = { [r.contentType]: { schema: {} } };
  return out;
}

const operationId = (method: Method, path: string) =>
  method +
  path
    .split('/')
    .filter(Boolean)
    .map((s) => (s.startsWith(':') ? `By${s.slice(1)}` : s))
    .map((s) => s.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase()))
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
    .join('');

function operation(doc: DialectDoc, method: Method, path: string, op: OperationDoc): Json {
  const parameters: Json[] = paramsOf(path).map((name) => ({
    name,
    in: 'path',
    required: true,
    description: op.params?.[name] ?? name,
    schema: { type: 'string' },
  }));
  if (op.query) {
    const schema = jsonSchema(op.query, 'input');
    const props = (schema.properties ?? {}) as Record<string, Json>;
    const required = new Set((schema.required as string[] | undefined) ?? []);
    for (const [name, s] of Object.entries(props)) {
      const { description, ...rest } = s;
      parameters.push({ name, in: 'query', required: required.has(name), ...(description ? { description } : {}), schema: rest });
    }
  }
  for (const [name, description] of Object.entries(op.headers ?? {})) parameters.push({ name, in: 'header', required: false, description, schema: { type: 'string' } });
  const out: Json = { operationId: operationId(method, path), tags: op.tags ?? [doc.title] };
  if (op.summary) out.summary = op.summary;
  if (op.description) out.description = op.description;
  if (parameters.length) out.parameters = parameters;
  if (op.body) out.requestBody = { required: true, content: { [op.bodyContentType ?? 'application/json']: { schema: jsonSchema(op.body, 'input') } } };
  const responses: Json = {};
  for (const [status, r] of Object.entries(op.responses)) responses[status] = response(r);
  for (const [status, description] of Object.entries(ERROR_STATUSES)) responses[status] = response({ description, schema: doc.error });
  out.responses = responses;
  out.security = op.open ? [] : Object.keys(doc.security).map((name) => ({ [name]: [] }));
  return out;
}

/** The OpenAPI 3.1 document of one dialect over the given routes, served from `serverUrl`. */
export function openApiDocument(doc: DialectDoc, routes: readonly RegisteredRoute[], serverUrl: string): Json {
  const paths: Record<string, Json> = {};
  for (const { method, path } of routes) {
    const p = (paths[openApiPath(path)] ??= {});
    p[method] = operation(doc, method, path, doc.operation(method, path));
  }
  return {
    openapi: '3.1.0',
    info: { title: doc.title, version: doc.version, description: doc.description },
    servers: [{ url: serverUrl }],
    tags: Object.entries(doc.tags ?? {}).map(([name, description]) => ({ name, description })),
    paths,
    components: { schemas: { Error: jsonSchema(doc.error, 'output') }, securitySchemes: doc.security },
  };
}
