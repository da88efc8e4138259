// A real v2 client: cf-client 0.13.26 logs in with the bootstrap admin's password (found through GET /v2/info),
// creates an organization and a space, registers a user, adds the user to the organization and as space manager by
// guid (its own calls) and by user name (its HTTP layer, sending the body form-encoded as it sends every body), and
// reads the space's user_roles.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../../src/config';
import { buildGateway, type Gateway } from '../../../src/gateway';
import { createLogger } from '../../../src/logger';
import { ADMIN_PASSWORD } from '../../identity/identityHelpers';

interface UaaToken {
  access_token: string;
  token_type: string;
}
/** The parts of v2 answers this test reads, as cf-client hands them back parsed. */
interface V2Resource {
  metadata: { guid: string };
  entity: { organization_guid?: string; username?: string; space_roles?: string[] };
}
interface V2Page {
  total_results: number;
  resources: V2Resource[];
}
interface Api {
  setToken(token: UaaToken): void;
}
// cf-client ships no type declarations
const cf = require('cf-client') as {
  CloudController: new (api: string) => { getInfo(): Promise<{ authorization_endpoint: string }> };
  UsersUAA: new (endpoint: string) => Api & { login(u: string, p: string): Promise<UaaToken>; add(user: unknown): Promise<{ id: string }> };
  Organizations: new (
    api: string,
  ) => Api & { add(o: unknown): Promise<V2Resource>; addUser(org: string, user: string): Promise<V2Resource>; getUsers(org: string): Promise<V2Page> };
  Spaces: new (api: string) => Api & {
    add(o: unknown): Promise<V2Resource>;
    addManager(space: string, user: string): Promise<V2Resource>;
    getUserRoles(space: string): Promise<V2Page>;
    REST: { request(options: unknown, status: number, json: boolean): Promise<V2Resource> };
  };
  Users: new (api: string) => Api & { add(o: unknown): Promise<V2Resource>; associateSpace(user: string, space: string): Promise<V2Resource> };
};

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

describe('cf-client 0.13.26 against /v2 (organizations, spaces, roles)', () => {
  it('adds an org user and a space manager by guid and by user name, then reads GET /v2/spaces/:guid/user_roles', async () => {
    const info = await new cf.CloudController(api).getInfo();
    const uaa = new cf.UsersUAA(info.authorization_endpoint);
    const token = await uaa.login('admin', ADMIN_PASSWORD);
    uaa.setToken(token);
    const [orgs, spaces, users] = [new cf.Organizations(api), new cf.Spaces(api), new cf.Users(api)];
    for (const c of [orgs, spaces, users]) c.setToken(token);

    const org = await orgs.add({ name: 'cf-client-org' });
    const space = await spaces.add({ name: 'cf-client-space', organization_guid: org.metadata.guid });
    expect(space.entity.organization_guid).toBe(org.metadata.guid);

    // two accounts made through SCIM, registered with the v2 API as cf create-user does
    const byGuid = await uaa.add({ userName: 'by-guid', password: 'By-guid-pw-1', emails: [{ value: 'by-guid@example.org' }] });
    const byName = await uaa.add({ userName: 'by-name', password: 'By-name-pw-1', emails: [{ value: 'by-name@example.org' }] });
    for (const u of [byGuid, byName]) expect((await users.add({ guid: u.id })).metadata.guid).toBe(u.id);

    // by guid: cf-client's own calls
    expect((await orgs.addUser(org.metadata.guid, byGuid.id)).metadata.guid).toBe(org.metadata.guid);
    expect((await spaces.addManager(space.metadata.guid, byGuid.id)).metadata.guid).toBe(space.metadata.guid);
    expect((await users.associateSpace(byGuid.id, space.metadata.guid)).metadata.guid).toBe(byGuid.id);

    // by user name: the same HTTP layer, as cf-client sends a body (JSON text, form-encoded)
    const put = (path: string, body: unknown) =>
      spaces.REST.request({ method: 'PUT', url: `${api}${path}`, headers: { Authorization: `${token.token_type} ${token.access_token}` }, form: JSON.stringify(body) }, 201, true);
    expect((await put(`/v2/organizations/${org.metadata.guid}/users`, { username: 'by-name' })).metadata.guid).toBe(org.metadata.guid);
    expect((await put(`/v2/spaces/${space.metadata.guid}/managers`, { username: 'by-name' })).metadata.guid).toBe(space.metadata.guid);

    const orgUsers = await orgs.getUsers(org.metadata.guid);
    expect(orgUsers.resources.map((r) => r.entity.username).sort()).toEqual(['by-guid', 'by-name']);

    const roles = await spaces.getUserRoles(space.metadata.guid);
    expect(roles.total_results).toBe(2);
    const byUser = Object.fromEntries(roles.resources.map((r) => [r.entity.username, r.entity.space_roles]));
    expect(byUser).toEqual({ 'by-guid': ['space_developer', 'space_manager'], 'by-name': ['space_manager'] });
  });

  it('an unknown user name is a 404 CF-UserNotFound rejection that cf-client passes on', async () => {
    const uaa = new cf.UsersUAA(api);
    const token = await uaa.login('admin', ADMIN_PASSWORD);
    const spaces = new cf.Spaces(api);
    spaces.setToken(token);
    const orgs = new cf.Organizations(api);
    orgs.setToken(token);
    const org = await orgs.add({ name: 'cf-client-org-2' });
    const space = await spaces.add({ name: 's', organization_guid: org.metadata.guid });
    const put = spaces.REST.request(
      {
        method: 'PUT',
        url: `${api}/v2/spaces/${space.metadata.guid}/managers`,
        headers: { Authorization: `${token.token_type} ${token.access_token}` },
        form: JSON.stringify({ username: 'nobody' }),
      },
      201,
      true,
    );
    await expect(put).rejects.toMatch(/CF-UserNotFound/);
  });
});
