// Request bodies read by src/http for every dialect: JSON whatever the Content-Type (legacy CF clients send JSON as
// application/x-www-form-urlencoded), the shape check with each dialect's error, and the tolerant JSON option
// (trailing commas, as in BMC's CSM examples) on routes declared with makeAdd, the way the dialects declare theirs.
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { renderV2Error } from '../../adapters/cf/v2/renderError';
import { isDomainError } from '../../src/core/errors';
import { bodyParser, jsonBody } from '../../src/http/bodyParsing';
import { makeAdd } from '../../src/http/makeAdd';
import { parseBody } from '../../src/http/parseBody';
import { errorMiddleware, type Reply } from '../../src/http/route';
import { SHARES, environment, expectBadRequest, type Environment } from '../helpers/envShares';
import { expectCfError } from '../helpers/expectations';
import { startTestGateway, type TestGateway } from '../helpers/testGateway';

const FORM = 'application/x-www-form-urlencoded';

describe('existing routes', () => {
  let t: TestGateway;
  let e: Environment;
  beforeAll(async () => {
    t = await startTestGateway();
    e = await environment(t);
  });
  afterAll(() => t.close());

  it('POST /v3/organizations with a JSON string sent as application/x-www-form-urlencoded creates the organization', async () => {
    const res = await t.http.post('/v3/organizations').set('Authorization', `bearer ${t.admin.token}`).set('Content-Type', FORM).send('{"name":"form-encoded-org"}');
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('form-encoded-org');
  });

  it('POST /v3/organizations with a JSON body that is not an object is 400 CF-MessageParseError', async () => {
    for (const text of ['[{"name":"in-an-array"}]', '"a string"', 'null', '42']) {
      const res = await t.http.post('/v3/organizations').set('Authorization', `bearer ${t.admin.token}`).set('Content-Type', FORM).send(text);
      expectCfError(res, 400, 'CF-MessageParseError', 1001, 'Request invalid due to parse error: invalid request body');
    }
  });

  it('POST /v1/envs/:environment_id/shares with a JSON string sent as application/x-www-form-urlencoded creates the share', async () => {
    const res = await t.http
      .post(SHARES(e.env))
      .set('Authorization', `bearer ${e.owner.token}`)
      .set('Content-Type', FORM)
      .send(JSON.stringify({ granteeAccountId: e.u2.guid, roles: ['viewer'] }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ environmentId: e.env, granteeAccountId: e.u2.guid, roles: ['viewer'], revision: 0 });
  });

  it('POST /v1/accounts/:account_id/tokens with a body that is not an object is 400 in the env-shares format', async () => {
    const res = await t.http.post(`/v1/accounts/${e.owner.guid}/tokens`).set('Authorization', `bearer ${e.owner.token}`).set('Content-Type', 'application/json').send('[]');
    expectBadRequest(res, 'REQUEST_JSON_BODY_PARSING_FAILED', ['parse request payload error: expected a JSON object']);
  });
});

/** A dialect's renderer in miniature: domain codes as `{"code"}`, anything else a 500. */
const renderCodes = (error: unknown): Reply =>
  isDomainError(error)
    ? { status: error.code === 'request.body_too_large' ? 413 : 400, body: { code: error.code, ...error.params } }
    : { status: 500, body: { code: 'unexpected' } };

describe('a v2-style route: JSON whatever the Content-Type, CF-MessageParseError for a body that is not an object', () => {
  const Body = z.object({ name: z.string() });
  const router = express.Router();
  makeAdd(router, { render: renderV2Error, context: null, body: jsonBody })('post', '/v2/things', (req) => ({ status: 201, body: parseBody(Body, req.body) }));
  router.use(errorMiddleware(renderV2Error));
  const http = request(express().use(router));

  it('POST /v2/things with a JSON string as application/x-www-form-urlencoded reads the JSON', async () => {
    const res = await http.post('/v2/things').set('Content-Type', FORM).send('{"name":"db-2"}');
    expect({ status: res.status, body: res.body }).toEqual({ status: 201, body: { name: 'db-2' } });
  });

  it('POST /v2/things with a body that is not a JSON object, or not JSON, is 400 CF-MessageParseError', async () => {
    for (const text of ['["db-2"]', '"db-2"', 'name=db-2', '{"name":']) {
      const res = await http.post('/v2/things').set('Content-Type', FORM).send(text);
      expect({ text, status: res.status, body: res.body }).toEqual({
        text,
        status: 400,
        body: { description: 'Request invalid due to parse error: invalid request body', error_code: 'CF-MessageParseError', code: 1001 },
      });
    }
  });
});

describe('a CSM-style route: JSON arrays, trailing commas accepted', () => {
  const Body = z.array(z.union([z.object({ name: z.string(), value: z.string() }), z.string()]));
  const router = express.Router();
  makeAdd(router, { render: renderCodes, context: 'csm', body: bodyParser({ trailingCommas: true, limit: '2kb' }) })('post', '/csm/things', (req, ctx) => ({
    status: 200,
    body: { ctx, params: parseBody(Body, req.body, { shape: 'array' }) },
  }));
  router.use(errorMiddleware(renderCodes));
  const http = request(express().use(router));
  const post = (text: string, type = 'application/json') => http.post('/csm/things').set('Content-Type', type).send(text);

  it('POST /csm/things with BMC’s trailing commas after the last element and member is accepted', async () => {
    const res = await post('[\n  {"name": "a", "value": "1",},\n  {"name": "b", "value": "2"} ,\n]');
    expect({ status: res.status, body: res.body }).toEqual({
      status: 200,
      body: {
        ctx: 'csm',
        params: [
          { name: 'a', value: '1' },
          { name: 'b', value: '2' },
        ],
      },
    });
  });

  it('POST /csm/things keeps commas, brackets and escaped quotes inside strings as they are', async () => {
    const res = await post(String.raw`[{"name": "x,]", "value": "say \",}\" ,]"},]`);
    expect(res.body.params).toEqual([{ name: 'x,]', value: 'say ",}" ,]' }]);
  });

  it('POST /csm/things with a trailing comma after a string element is accepted', async () => {
    const res = await post('[ "a" , "b" ,\n ]');
    expect({ status: res.status, params: res.body.params }).toEqual({ status: 200, params: ['a', 'b'] });
  });

  it('POST /csm/things reads JSON whatever the Content-Type', async () => {
    expect((await post('[{"name":"a","value":"1"},]', 'text/plain')).status).toBe(200);
  });

  it('POST /csm/things still refuses malformed JSON: doubled commas, a leading comma, an unclosed array', async () => {
    for (const text of ['[{"name":"a","value":"1"},,]', '[,]', '[ , ]', '{,}', '[{"name":"a","value":"1"}', '{"name":"a",,}']) {
      const res = await post(text);
      expect({ text, status: res.status, body: res.body }).toEqual({ text, status: 400, body: { code: 'request.malformed_body' } });
    }
  });

  it('POST /csm/things with a body that is not an array is the wrong shape; a refused member names its path', async () => {
    expect((await post('{"name":"a","value":"1",}')).body).toEqual({ code: 'request.malformed_body' });
    const refused = await post('[{"name":"a"},]');
    expect({ status: refused.status, body: refused.body }).toEqual({ status: 400, body: { code: 'request.invalid_body', errors: ['[0]: Invalid input'] } });
  });

  it('POST /csm/things over the size limit is request.body_too_large', async () => {
    const res = await post(`[{"name":"a","value":"${'x'.repeat(4000)}"},]`);
    expect({ status: res.status, body: res.body }).toEqual({ status: 413, body: { code: 'request.body_too_large' } });
  });
});

describe('a request whose client hangs up right after sending it', () => {
  it('POST with a body, then the connection closed: the handler never runs as if no body had been sent', async () => {
    const seen: unknown[] = [];
    const app = express();
    const router = express.Router();
    // authentication reads the store before the body is read, as the dialects' does: by then the client is gone
    const auth: express.RequestHandler = (_req, _res, next) => void setTimeout(next, 50);
    makeAdd(router, { render: renderV2Error, context: undefined, auth, body: bodyParser({ trailingCommas: true }) })('post', '/echo', (req) => {
      seen.push(req.body);
      return { status: 200, body: {} };
    });
    makeAdd(router, { render: renderV2Error, context: undefined, auth })('post', '/strict', (req) => {
      seen.push(req.body);
      return { status: 200, body: {} };
    });
    router.use(errorMiddleware(renderV2Error));
    app.use(router);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as import('node:net').AddressInfo;
    const body = '{"operationParams":[{"name":"pageSize","value":50}]}';
    for (const path of ['/echo', '/strict']) {
      for (let i = 0; i < 5; i++) {
        const socket = (await import('node:net')).connect(port, '127.0.0.1');
        await new Promise((r) => socket.once('connect', r));
        socket.end(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
        socket.destroy();
      }
    }
    await new Promise((r) => setTimeout(r, 300));
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    // each either was read whole or was refused; none reached its handler without its body
    expect(seen.every((b) => b !== undefined && JSON.stringify(b) === body)).toBe(true);
  });
});
