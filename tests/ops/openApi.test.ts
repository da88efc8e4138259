// GET /openapi/<dialect>.json and GET /docs: one OpenAPI 3.1 document per dialect, listing every route the dialect's
// router registered, with the request schemas the handlers parse with; Swagger UI served by sharegate itself.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { describedCsmRoutes } from '../../adapters/csm/apiDoc';
import { describedV2Routes } from '../../adapters/cf/v2/apiDoc';
import { describedV3Routes } from '../../adapters/cf/v3/apiDoc';
import { describedEnvSharesRoutes } from '../../adapters/env-shares/apiDoc';
import { describedUaaRoutes } from '../../adapters/uaa/apiDoc';
import { registeredRoutes, openApiPath, routesOf } from '../../src/ops/openApiDocument';
import { expectEnvelope } from '../helpers/envelopes';
import { checkedResponses, checkResponses, takeFindings } from '../helpers/responseContract';
import { startTestGateway, useGateway, type TestGateway } from '../helpers/testGateway';

const t = useGateway();
const DIALECTS = ['cf-v3', 'cf-v2', 'csm', 'env-shares', 'uaa'] as const;
const DESCRIBED: Record<(typeof DIALECTS)[number], string[]> = {
  'cf-v3': describedV3Routes,
  'cf-v2': describedV2Routes,
  csm: describedCsmRoutes,
  'env-shares': describedEnvSharesRoutes,
  uaa: describedUaaRoutes,
};
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const documentOf = async (dialect: string): Promise<Json> => {
  const res = await t.anonymous.get(`/openapi/${dialect}.json`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return res.body as Json;
};

/** Every schema object of a document: request bodies, parameters, responses and components. */
function schemasOf(doc: Json): Json[] {
  const out: Json[] = Object.values(doc.components.schemas);
  for (const item of Object.values(doc.paths) as Json[]) {
    for (const op of Object.values(item) as Json[]) {
      for (const p of op.parameters ?? []) out.push(p.schema);
      for (const c of Object.values(op.requestBody?.content ?? {}) as Json[]) out.push(c.schema);
      for (const r of Object.values(op.responses) as Json[]) for (const c of Object.values(r.content ?? {}) as Json[]) out.push(c.schema);
    }
  }
  return out;
}

describe('GET /openapi/<dialect>.json', () => {
  it.each(DIALECTS)('GET /openapi/%s.json is an OpenAPI 3.1 document with every route the %s router registered', async (dialect) => {
    const doc = await documentOf(dialect);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toEqual(expect.objectContaining({ title: expect.any(String), version: expect.any(String) }));
    const routes = routesOf(t.gateway.app, dialect);
    expect(routes.length).toBeGreaterThan(0);
    const documented = Object.entries(doc.paths as Json).flatMap(([path, item]) => Object.keys(item as Json).map((m) => `${m} ${path}`));
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${openApiPath(r.path)}`).sort());
    for (const [, item] of Object.entries(doc.paths as Json)) {
      for (const op of Object.values(item as Json) as Json[]) {
        expect(op.operationId).toEqual(expect.any(String));
        expect(Object.keys(op.responses)).toContain('default');
        expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s))).toBe(true);
      }
    }
    const ids = Object.values(doc.paths as Json).flatMap((item) => Object.values(item as Json).map((op) => (op as Json).operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(DIALECTS)('every route the %s description names is a registered route (no stale entry)', (dialect) => {
    const registered = new Set(routesOf(t.gateway.app, dialect).map((r) => `${r.method} ${r.path}`));
    expect(DESCRIBED[dialect].filter((key) => !registered.has(key))).toEqual([]);
  });

  it.each(DIALECTS)('every schema of GET /openapi/%s.json compiles as JSON Schema 2020-12', async (dialect) => {
    const doc = await documentOf(dialect);
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    for (const schema of schemasOf(doc)) {
      expect(() => ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components\/schemas\//g, '"#/$defs/')))).not.toThrow();
    }
  });

  it('every registered route of the app is in some document, but the operations endpoints', () => {
    const ops = /^\/(healthz|readyz|metrics|admin|openapi|docs)(\/|\.|$)/;
    const inDocuments = new Set(DIALECTS.flatMap((d) => routesOf(t.gateway.app, d).map((r) => `${r.method} ${r.path}`)));
    const elsewhere = registeredRoutes(t.gateway.app).filter((r) => !ops.test(r.path) && !inDocuments.has(`${r.method} ${r.path}`));
    expect(elsewhere).toEqual([]);
  });

  it('POST /v3/service_instances/{guid}/relationships/shared_spaces documents ShareBody, the guid parameter, the relationship it answers and the v3 error envelope', async () => {
    const doc = await documentOf('cf-v3');
    const share = doc.paths['/v3/service_instances/{guid}/relationships/shared_spaces'].post;
    expect(share.tags).toEqual(['Service instance sharing']);
    expect(share.parameters).toEqual([expect.objectContaining({ name: 'guid', in: 'path', required: true })]);
    const body = share.requestBody.content['application/json'].schema;
    expect(body).toMatchObject({ type: 'object', required: ['data'], additionalProperties: false, properties: { data: { type: 'array', minItems: 1 } } });
    expect(share.responses['200'].content['application/json'].schema.properties).toHaveProperty('data');
    expect(share.responses.default.content['application/json'].schema).toMatchObject({ properties: { errors: { type: 'array' } } });
    expect(share.security).toEqual([{ bearer: [] }]);
  });

  it('the v2 request bodies are its messages: POST /v2/service_instances requires name, space_guid and service_plan_guid', async () => {
    const doc = await documentOf('cf-v2');
    const body = doc.paths['/v2/service_instances'].post.requestBody.content['application/json'].schema;
    expect(body.required.sort()).toEqual(['name', 'service_plan_guid', 'space_guid']);
    expect(doc.paths['/v2/service_instances'].get.parameters.map((p: Json) => p.name)).toContain('results-per-page');
  });

  it('CSM documents the operations of its table, the session header and the [CloudError] body', async () => {
    const doc = await documentOf('csm');
    const op = doc.paths['/csm/{cls}/{guid}/{op}'].post;
    expect(op.description).toContain('ServiceOfferingInstance/{guid}/share');
    expect(doc.components.securitySchemes.session).toEqual(expect.objectContaining({ in: 'header', name: 'Authentication-Token' }));
    expect(doc.components.schemas.Error).toMatchObject({ type: 'array', minItems: 1, maxItems: 1 });
    expect(doc.paths['/csm/login'].post.security).toEqual([]);
  });

  it('UAA documents the token form as application/x-www-form-urlencoded, open', async () => {
    const doc = await documentOf('uaa');
    const token = doc.paths['/oauth/token'].post;
    expect(Object.keys(token.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
    expect(token.security).toEqual([]);
  });

  it('GET /openapi/nothing.json is 404 in the operations envelope', async () => {
    const res = await t.anonymous.get('/openapi/nothing.json');
    expect(res.status).toBe(404);
    expectEnvelope(res, 'ops');
  });
});

describe('GET /docs', () => {
  it('GET /docs is Swagger UI over the five documents, its scripts and styles served from /docs, no other host named', async () => {
    const res = await t.anonymous.get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const sources = [...res.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.sort()).toEqual(['/docs/index.css', '/docs/init.js', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui-standalone-preset.js', '/docs/swagger-ui.css']);
    for (const src of sources) {
      const asset = await t.anonymous.get(src!);
      expect({ src, status: asset.status }).toEqual({ src, status: 200 });
      expect(asset.headers['content-type']).toMatch(src!.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      expect(asset.text).not.toMatch(/sourceMappingURL=/);
    }
    const init = (await t.anonymous.get('/docs/init.js')).text;
    for (const d of DIALECTS) expect(init).toContain(`"/openapi/${d}.json"`);
    expect(init).toContain('validatorUrl: null');
    expect(init).not.toMatch(/https?:\/\//);
  });

  it('GET /docs/anything-else is 404 in the operations envelope', async () => {
    const res = await t.anonymous.get('/docs/package.json');
    expect(res.status).toBe(404);
    expectEnvelope(res, 'ops');
  });
});

describe('the response check against the documents', () => {
  let g: TestGateway;
  afterEach(async () => {
    await g?.close();
  });

  it('a response that differs from its document is reported: GET /v3/organizations without its pagination', async () => {
    // the check runs first; the answer is then changed on its way out, as a drifted handler would answer
    const dropPagination = (res: import('express').Response) => {
      const end = res.end.bind(res) as (...args: unknown[]) => unknown;
      (res as unknown as { end: (...args: unknown[]) => unknown }).end = (chunk: unknown, ...rest: unknown[]) => {
        if (!Buffer.isBuffer(chunk) || res.statusCode !== 200) return end(chunk, ...rest);
        const body = JSON.parse(chunk.toString()) as Json;
        delete body.pagination;
        const changed = Buffer.from(JSON.stringify(body));
        res.setHeader('Content-Length', changed.length);
        return end(changed, ...rest);
      };
    };
    g = await startTestGateway({}, { observe: (req, res, next) => checkResponses(req, res, () => (dropPagination(res), next())) });
    const res = await g.admin.get('/v3/organizations');
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('pagination');
    expect(takeFindings()).toEqual([expect.stringMatching(/^GET \/v3\/organizations -> 200: the body does not match .*must have required property 'pagination'/)]);
  });

  it('every response of a test gateway is checked, also one sent with supertest on its app', async () => {
    const before = checkedResponses();
    await request(t.gateway.app).get('/v3/info');
    expect(checkedResponses()).toBe(before + 1);
  });
});
