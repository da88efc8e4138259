// A real gateway over an in-memory SQLite database (or, with TEST_DATABASE_URL set, over a fresh schema of that
// PostgreSQL database), with clients that call it over HTTP "as user X".
// `useGateway()` gives a test file (or a describe block) one such gateway, started before its tests and closed after.
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { SCOPES } from '../../src/core/actor';
import { buildGateway, type Gateway, type GatewayOptions } from '../../src/gateway';
import { guidForUsername, mintHs256Token } from '../../src/identity/mintToken';
import { createLogger } from '../../src/logger';
import { checkResponses } from './responseContract';
import { freshSchema, TEST_DATABASE_URL } from './testDatabase';

export const TEST_SECRET = 'test-secret-for-hs256-signing-000';
export const BASE = 'https://api.example.org';

export interface TokenOptions {
  admin?: boolean;
  scopes?: string[];
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Client {
  username: string;
  guid: string;
  token: string;
  get(path: string): request.Test;
  post(path: string, body?: unknown): request.Test;
  put(path: string, body?: unknown): request.Test;
  patch(path: string, body?: unknown): request.Test;
  delete(path: string): request.Test;
}

export interface TestGateway {
  gateway: Gateway;
  http: ReturnType<typeof request>;
  /** a client for a user (created in the gateway on its first call, as Cloud Controller does) */
  as(username: string, options?: TokenOptions): Promise<Client>;
  admin: Client;
  anonymous: Omit<Client, 'username' | 'guid' | 'token'>;
  /** waits until every queued operation has run */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export const userGuid = guidForUsername;

export async function tokenFor(username: string, options: TokenOptions = {}): Promise<string> {
  const scopes = options.scopes ?? [SCOPES.read, SCOPES.write, ...(options.admin ? [SCOPES.admin] : [])];
  return mintHs256Token(TEST_SECRET, { username, scopes });
}

function clientFor(http: ReturnType<typeof request>, headers: Record<string, string>) {
  const call = (method: Method, path: string, body?: unknown) => {
    let t = http[method](path).set(headers);
    if (body !== undefined) t = typeof body === 'string' ? t.set('Content-Type', 'application/json').send(body) : t.send(body as object);
    return t;
  };
  return {
    get: (p: string) => call('get', p),
    post: (p: string, b?: unknown) => call('post', p, b),
    put: (p: string, b?: unknown) => call('put', p, b),
    patch: (p: string, b?: unknown) => call('patch', p, b),
    delete: (p: string) => call('delete', p),
  };
}

export async function startTestGateway(env: Record<string, string> = {}, options: GatewayOptions = {}): Promise<TestGateway> {
  // a test that names its own database keeps it; otherwise in-memory SQLite, or a schema of its own on PostgreSQL
  const scratch = TEST_DATABASE_URL && env.DATABASE_URL === undefined ? await freshSchema() : undefined;
  const database = scratch ? { DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: '4' } : { DATABASE_URL: ':memory:' };
  const config = loadConfig({ ...database, JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', PUBLIC_URL: BASE, ...env });
  // every response is checked against its dialect's OpenAPI document (tests/helpers/checkResponses.ts)
  const gateway = buildGateway(config, createLogger('silent'), { observe: checkResponses, ...options });
  const http = request(gateway.app);
  const as = async (username: string, options: TokenOptions = {}): Promise<Client> => {
    const token = await tokenFor(username, options);
    return { username, guid: userGuid(username), token, ...clientFor(http, { Authorization: `bearer ${token}` }) };
  };
  const admin = await as('admin', { admin: true });
  return {
    gateway,
    http,
    as,
    admin,
    anonymous: clientFor(http, {}),
    async settle() {
      for (let i = 0; i < 50; i++) {
        await new Promise((r) => setImmediate(r));
        await gateway.runner.idle();
        if ((await gateway.store.listDueOperations(Date.now() + 1000, 1)).length === 0) return;
        gateway.runner.notify();
      }
    },
    async close() {
      await gateway.close();
      await scratch?.drop();
    },
  };
}

/** A gateway from useGateway(): the same clients, closed by its afterAll. */
export type UsedGateway = Omit<TestGateway, 'close'>;

export interface UseGatewayOptions extends GatewayOptions {
  /** wait until identity is set up (the first administrator bootstrapped) before the tests run */
  ready?: boolean;
}

/**
 * Registers beforeAll/afterAll in the calling file or describe block: the gateway starts before its tests (and before
 * any hook registered after this call) and closes after them. Returns a handle that reads through to the started
 * gateway, so it can be passed to factories() and the like at once; using a member outside a hook or a test throws.
 * `env` may be a function, read when the gateway starts (for values an earlier beforeAll sets, such as a port).
 */
export function useGateway(env: Record<string, string> | (() => Record<string, string>) = {}, options: UseGatewayOptions = {}): UsedGateway {
  let current: TestGateway | undefined;
  const started = (): TestGateway => {
    if (!current) throw new Error('useGateway: the gateway runs from beforeAll to afterAll; use it inside a hook or a test');
    return current;
  };
  beforeAll(async () => {
    current = await startTestGateway(typeof env === 'function' ? env() : env, { wrapStore: options.wrapStore });
    if (options.ready) await current.gateway.ready;
  });
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    get gateway() {
      return started().gateway;
    },
    get http() {
      return started().http;
    },
    get admin() {
      return started().admin;
    },
    get anonymous() {
      return started().anonymous;
    },
    as: (username, tokenOptions) => started().as(username, tokenOptions),
    settle: () => started().settle(),
  };
}
