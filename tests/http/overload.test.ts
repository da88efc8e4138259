// Overload (MAX_INFLIGHT_REQUESTS): a real burst against the real server on 127.0.0.1. Requests past the limit are
// answered at once, 503 with Retry-After in the envelope of the API called, not queued; the slots free again.
import type { Store } from '../../src/core/store';
import { listen, type Listening } from '../helpers/listening';
import { startTestGateway, type TestGateway } from '../helpers/testGateway';

const SLOW_MS = 600;
let slow = false;

/** The store with every call but close() delayed by SLOW_MS while `slow` is on. */
function slowStore(store: Store): Store {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || name === 'close') return value;
      return async (...args: unknown[]) => {
        if (slow) await new Promise((r) => setTimeout(r, SLOW_MS));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

let t: TestGateway;
let server: Listening;
const get = (path: string, token = t.admin.token) => fetch(`${server.url}${path}`, { headers: { Authorization: `bearer ${token}` } });

beforeAll(async () => {
  t = await startTestGateway({ MAX_INFLIGHT_REQUESTS: '2' }, { wrapStore: slowStore });
  await t.gateway.ready;
  server = await listen(t);
  expect((await get('/v3/spaces')).status).toBe(200);
});
afterAll(async () => {
  slow = false;
  await server.close();
  await t.close();
});
afterEach(() => {
  slow = false;
});

/** Two slow requests in flight (the limit), then `during` runs; waits for the slow ones. */
async function whileFull<T>(during: () => Promise<T>): Promise<{ held: Response[]; result: T }> {
  slow = true;
  const held = [get('/v3/spaces'), get('/v3/organizations')];
  await new Promise((r) => setTimeout(r, SLOW_MS / 4));
  const result = await during();
  return { held: await Promise.all(held), result };
}

describe('MAX_INFLIGHT_REQUESTS=2', () => {
  it('GET /v3/spaces: a burst of 8 gets 2 answers and 6 immediate 503 CF-ServiceUnavailable with Retry-After', async () => {
    slow = true;
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const res = await get('/v3/spaces');
        return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as unknown, at: Date.now() - started };
      }),
    );
    const refused = answers.filter((a) => a.status === 503);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    expect(refused).toHaveLength(6);
    for (const a of refused) {
      expect(a.retryAfter).toBe('1');
      expect(a.body).toEqual({ errors: [{ title: 'CF-ServiceUnavailable', code: 10015, detail: 'The server is busy; retry the request later' }] });
      // answered before the slow requests could have finished: not queued behind them
      expect(a.at).toBeLessThan(SLOW_MS);
    }
  });

  it('after a burst the slots are free again: GET /v3/spaces answers 200', async () => {
    const { held } = await whileFull(async () => undefined);
    expect(held.map((r) => r.status)).toEqual([200, 200]);
    expect((await get('/v3/spaces')).status).toBe(200);
    expect((await get('/v3/spaces')).status).toBe(200);
  });

  it('a request whose client goes away frees its slot', async () => {
    slow = true;
    const aborts = [new AbortController(), new AbortController()];
    const gone = aborts.map((a) => fetch(`${server.url}/v3/spaces`, { headers: { Authorization: `bearer ${t.admin.token}` }, signal: a.signal }).catch(() => undefined));
    await new Promise((r) => setTimeout(r, SLOW_MS / 4));
    aborts.forEach((a) => a.abort());
    await Promise.all(gone);
    await new Promise((r) => setTimeout(r, 50));
    slow = false;
    expect((await get('/v3/organizations')).status).toBe(200);
  });

  it('every dialect refuses in its own envelope while the server is full', async () => {
    const { result } = await whileFull(async () => {
      const call = async (path: string, init: RequestInit = {}) => {
        const res = await fetch(`${server.url}${path}`, init);
        return { status: res.status, retryAfter: res.headers.get('retry-after'), type: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> };
      };
      return {
        csm: await call('/csm/ServiceOfferingInstance'),
        envShares: await call('/v1/envs/6f1c2a56-2f43-4d6c-9a0e-000000000001/shares'),
        uaa: await call('/oauth/token', { method: 'POST', body: 'grant_type=password', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
        scim: await call('/Users'),
      };
    });
    for (const r of Object.values(result)) {
      expect(r.status).toBe(503);
      expect(r.retryAfter).toBe('1');
      expect(r.type).toMatch(/^application\/json/);
    }
    expect(result.csm.body).toEqual([expect.objectContaining({ cloudClass: 'com.bmc.cloud.model.beans.CloudError', errorID: 'CSM-GEN-0503' })]);
    expect(result.envShares.body).toEqual({ code: 'INTERNAL_UNAVAILABLE', error: 'The service is busy; retry the request later' });
    expect(result.uaa.body).toEqual({ error: 'temporarily_unavailable', error_description: 'The server is busy; retry the request later' });
    expect(result.scim.body).toMatchObject({ error: 'temporarily_unavailable', message: 'The server is busy; retry the request later' });
  });
});
