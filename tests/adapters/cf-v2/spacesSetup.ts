// Organizations, spaces and users for the v2 people tests, made through v2 itself as admin, and the v2 error
// assertion (exact body, exact key order, v2 Content-Type).
import type { Response } from 'supertest';
import type { Client, TestGateway } from '../../helpers/testGateway';

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${++counter}`;

export function expectV2Error(res: Response, status: number, errorCode: string, code: number, description: string) {
  expect({ status: res.status, body: res.body }).toEqual({ status, body: { description, error_code: errorCode, code } });
  expect(Object.keys(res.body)).toEqual(['description', 'error_code', 'code']);
  expect(res.headers['content-type']).toBe('application/json;charset=utf-8');
}

export const expectNotAuthorized = (res: Response) => expectV2Error(res, 403, 'CF-NotAuthorized', 10003, 'You are not authorized to perform the requested action');

export function v2People(t: TestGateway) {
  const admin = t.admin;
  const f = {
    async org(name = unique('org')): Promise<{ guid: string; name: string }> {
      const res = await admin.post('/v2/organizations', { name });
      if (res.status !== 201) throw new Error(`create org: ${res.status} ${res.text}`);
      return { guid: res.body.metadata.guid, name };
    },
    async space(orgGuid?: string, name = unique('space')): Promise<{ guid: string; name: string; orgGuid: string }> {
      const org = orgGuid ?? (await f.org()).guid;
      const res = await admin.post('/v2/spaces', { name, organization_guid: org });
      if (res.status !== 201) throw new Error(`create space: ${res.status} ${res.text}`);
      return { guid: res.body.metadata.guid, name, orgGuid: org };
    },
    /** a user who has called the API once (so Cloud Controller knows them) */
    async user(name = unique('user'), options: { admin?: boolean } = {}): Promise<Client> {
      const c = await t.as(name, options);
      await c.get('/v2/info');
      await c.get('/v3/organizations');
      return c;
    },
    async orgUser(orgGuid: string, c: Client) {
      const res = await admin.put(`/v2/organizations/${orgGuid}/users/${c.guid}`);
      if (res.status !== 201) throw new Error(`org user: ${res.status} ${res.text}`);
    },
    async spaceRole(spaceGuid: string, orgGuid: string, role: 'managers' | 'developers' | 'auditors', c: Client) {
      await f.orgUser(orgGuid, c);
      const res = await admin.put(`/v2/spaces/${spaceGuid}/${role}/${c.guid}`);
      if (res.status !== 201) throw new Error(`space role: ${res.status} ${res.text}`);
    },
    async guidsOf(path: string, as: Client = admin): Promise<string[]> {
      const res = await as.get(path);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
      return (res.body.resources as { metadata: { guid: string } }[]).map((r) => r.metadata.guid);
    },
  };
  return f;
}
