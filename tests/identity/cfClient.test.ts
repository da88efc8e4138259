// A real client: cf-client (npm) discovers the token endpoint through GET /v2/info, logs in with UsersUAA.login,
// creates and removes a user with UsersUAA.add / remove, and the tokens it obtained work on v3.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { buildGateway, type Gateway } from '../../src/gateway';
import { createLogger } from '../../src/logger';
import { ADMIN_PASSWORD } from './identityHelpers';

// cf-client ships no type declarations
const cf = require('cf-client') as {
  CloudController: new (api: string) => { getInfo(): Promise<{ authorization_endpoint: string; token_endpoint: string }> };
  UsersUAA: new (endpoint: string) => {
    login(username: string, password: string): Promise<UaaToken>;
    setToken(token: UaaToken): void;
    add(user: unknown): Promise<{ id: string; userName: string }>;
    remove(id: string): Promise<unknown>;
    getUsers(search?: string): Promise<{ resources: { id: string; userName: string }[] }>;
    refreshToken(): Promise<UaaToken>;
  };
};
interface UaaToken {
  access_token: string;
  refresh_token: string;
  token_type: string;
}

let server: Server;
let gateway: Gateway;
let api: string;

beforeAll(async () => {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  gateway = buildGateway(loadConfig({ DATABASE_URL: ':memory:', PUBLIC_URL: api, ADMIN_PASSWORD, LOG_LEVEL: 'silent' }), createLogger('silent'));
  await gateway.ready;
  handler = gateway.app;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await gateway.close();
});

const onV3 = (token: UaaToken, path = '/v3/organizations') => request(gateway.app).get(path).set('Authorization', `${token.token_type} ${token.access_token}`);

describe('cf-client against the embedded UAA', () => {
  it('discovers, logs in, adds a user who logs in and uses v3, refreshes, and removes the user', async () => {
    const info = await new cf.CloudController(api).getInfo();
    expect(info.authorization_endpoint).toBe(api);

    const uaa = new cf.UsersUAA(info.authorization_endpoint);
    const adminToken = await uaa.login('admin', ADMIN_PASSWORD);
    expect(adminToken.token_type).toBe('bearer');
    expect((await onV3(adminToken)).status).toBe(200);

    uaa.setToken(adminToken);
    const added = await uaa.add({
      userName: 'cfclient-user',
      password: 'cf-client-pw-1',
      emails: [{ value: 'cfclient-user@example.org' }],
      name: { givenName: 'C', familyName: 'U' },
    });
    expect(added.userName).toBe('cfclient-user');
    const found = await uaa.getUsers('?filter=userName eq "cfclient-user"');
    expect(found.resources.map((u) => u.id)).toEqual([added.id]);

    const userUaa = new cf.UsersUAA(info.authorization_endpoint);
    const userToken = await userUaa.login('cfclient-user', 'cf-client-pw-1');
    const me = await onV3(userToken, `/v3/users/${added.id}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ guid: added.id, username: 'cfclient-user' });
    expect((await onV3(userToken)).status).toBe(200);

    userUaa.setToken(userToken);
    const refreshed = await userUaa.refreshToken();
    expect((await onV3(refreshed)).status).toBe(200);

    await uaa.remove(added.id);
    await expect(new cf.UsersUAA(info.authorization_endpoint).login('cfclient-user', 'cf-client-pw-1')).rejects.toBeDefined();
    await expect(userUaa.refreshToken()).rejects.toBeDefined();
  });

  it('a wrong password is rejected with UAA’s error body', async () => {
    const uaa = new cf.UsersUAA(api);
    const failure = await uaa.login('admin', 'not-the-password').then(
      () => null,
      (e: unknown) => e,
    );
    expect(JSON.parse(String(failure))).toEqual({ error: 'unauthorized', error_description: 'Bad credentials' });
  });
});
