// A source foundation seeded through its own APIs, a few hundred records: organizations and spaces (v3 and v2),
// users, organization and space roles (v3 roles, v2 role PUTs, env-shares), service instances (v3 and v2, managed
// and user-provided), instance -> space shares (v3) and CSM owners and shared users.
import { ADMIN_PASSWORD, api, adminToken, userToken, type Api } from './importHarness';

export const POSTGRES_SMALL = '2a8b4c6d-7e9f-4a1b-9c3d-5e7f9a1b3c5d';
export const REDIS_SMALL = '5d1e7f9a-0b2c-4d4e-8f6a-8b0c2d4e6f8a';

export interface Seeded {
  orgs: string[];
  spaces: { guid: string; org: string }[];
  users: string[];
  instances: string[];
  sharedInstances: { instance: string; space: string }[];
}

async function ok<T = Record<string, unknown>>(p: Promise<{ status: number; body: unknown }>, what: string): Promise<T> {
  const res = await p;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

const csmParam = (name: string, value: unknown) => ({ name, value, type: 'java.lang.String', multiplicity: Array.isArray(value) ? '0..*' : '1' });
const csmBody = (operationParams: unknown[]) => ({ timeout: -1, preCallout: '', postCallout: '', callbackURL: '', operationParams });

export async function seedSource(url: string, size = { orgs: 4, spacesPerOrg: 3, users: 16, instancesPerSpace: 8 }): Promise<Seeded> {
  const admin = api(url, await adminToken());
  const out: Seeded = { orgs: [], spaces: [], users: [], instances: [], sharedInstances: [] };
  // users: each calls the API once (as Cloud Controller, the gateway registers a user on first sight)
  const clients: Api[] = [];
  for (let u = 0; u < size.users; u++) {
    const c = api(url, await userToken(`user-${u}`));
    const me = await ok<{ resources: unknown[] }>(c.call('GET', '/v3/organizations'), 'first call');
    void me;
    clients.push(c);
  }
  const users = await ok<{ resources: { guid: string; username: string }[] }>(admin.call('GET', '/v3/users?per_page=5000'), 'users');
  const guidOf = (name: string) => users.resources.find((u) => u.username === name)!.guid;
  out.users = users.resources.map((u) => u.guid);

  for (let o = 0; o < size.orgs; o++) {
    const viaV2 = o % 2 === 1;
    const org = viaV2
      ? (await ok<{ metadata: { guid: string } }>(admin.call('POST', '/v2/organizations', { name: `org-${o}` }), 'v2 org')).metadata.guid
      : (await ok<{ guid: string }>(admin.call('POST', '/v3/organizations', { name: `org-${o}`, metadata: { labels: { team: `t${o}` } } }), 'v3 org')).guid;
    out.orgs.push(org);
    // every user is an organization user; some are managers
    for (let u = 0; u < size.users; u++) {
      const user = guidOf(`user-${u}`);
      await ok(
        admin.call('POST', '/v3/roles', { type: 'organization_user', relationships: { user: { data: { guid: user } }, organization: { data: { guid: org } } } }),
        'org user',
      );
      if (u % 5 === o % 5) await ok(admin.call('PUT', `/v2/organizations/${org}/managers/${user}`), 'v2 org manager');
    }
    for (let s = 0; s < size.spacesPerOrg; s++) {
      const space =
        s === 0
          ? (await ok<{ metadata: { guid: string } }>(admin.call('POST', '/v2/spaces', { name: `space-${o}-${s}`, organization_guid: org }), 'v2 space')).metadata.guid
          : (await ok<{ guid: string }>(admin.call('POST', '/v3/spaces', { name: `space-${o}-${s}`, relationships: { organization: { data: { guid: org } } } }), 'v3 space')).guid;
      out.spaces.push({ guid: space, org });
      // space roles three ways: v3 roles, v2 role PUTs, env-shares
      for (let u = 0; u < size.users; u++) {
        const user = guidOf(`user-${u}`);
        const pick = (u + s + o) % 4;
        if (pick === 0)
          await ok(
            admin.call('POST', '/v3/roles', { type: 'space_developer', relationships: { user: { data: { guid: user } }, space: { data: { guid: space } } } }),
            'v3 space role',
          );
        else if (pick === 1) await ok(admin.call('PUT', `/v2/spaces/${space}/managers/${user}`), 'v2 space manager');
        else if (pick === 2) await ok(admin.call('POST', `/v1/envs/${space}/shares`, { granteeAccountId: user, roles: ['viewer', 'deployer'] }), 'env share');
      }
      for (let i = 0; i < size.instancesPerSpace; i++) {
        const name = `si-${o}-${s}-${i}`;
        const relationships = { space: { data: { guid: space } } };
        let guid: string;
        if (i % 4 === 0) {
          guid = (
            await ok<{ guid: string }>(
              admin.call('POST', '/v3/service_instances', { type: 'user-provided', name, relationships, credentials: { uri: `db://${name}` }, tags: ['ups', name] }),
              'v3 ups',
            )
          ).guid;
        } else if (i % 4 === 1) {
          guid = (
            await ok<{ metadata: { guid: string } }>(
              admin.call('POST', '/v2/user_provided_service_instances', {
                name,
                space_guid: space,
                credentials: { password: `pw-${i}` },
                syslog_drain_url: 'syslog://logs.example.org',
              }),
              'v2 ups',
            )
          ).metadata.guid;
        } else if (i % 4 === 2) {
          const res = await admin.call('POST', '/v3/service_instances', {
            type: 'managed',
            name,
            relationships: { ...relationships, service_plan: { data: { guid: POSTGRES_SMALL } } },
            parameters: { size: i },
            tags: ['pg'],
            metadata: { annotations: { note: name } },
          });
          if (res.status !== 202) throw new Error(`v3 managed: ${res.status} ${JSON.stringify(res.body)}`);
          guid = (await ok<{ resources: { guid: string }[] }>(admin.call('GET', `/v3/service_instances?names=${name}&space_guids=${space}`), 'find')).resources[0]!.guid;
        } else {
          guid = (
            await ok<{ metadata: { guid: string } }>(
              admin.call('POST', '/v2/service_instances?accepts_incomplete=true', { name, space_guid: space, service_plan_guid: i % 8 === 3 ? REDIS_SMALL : POSTGRES_SMALL }),
              'v2 managed',
            )
          ).metadata.guid;
        }
        out.instances.push(guid);
      }
    }
  }
  await settled(admin);
  // shares: some postgres instances into the next space of their organization (v3)
  const list = await ok<{ resources: { guid: string; name: string; relationships: { space: { data: { guid: string } }; service_plan?: { data: { guid: string } } } }[] }>(
    admin.call('GET', '/v3/service_instances?per_page=5000&type=managed'),
    'instances',
  );
  for (const i of list.resources.filter((r) => r.relationships.service_plan?.data.guid === POSTGRES_SMALL).slice(0, 20)) {
    const own = out.spaces.find((s) => s.guid === i.relationships.space.data.guid)!;
    const other = out.spaces.find((s) => s.org === own.org && s.guid !== own.guid)!;
    await ok(admin.call('POST', `/v3/service_instances/${i.guid}/relationships/shared_spaces`, { data: [{ guid: other.guid }] }), 'share');
    out.sharedInstances.push({ instance: i.guid, space: other.guid });
  }
  // CSM: owners and shared users of some instances
  const login = await fetch(`${url}/csm/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const session = login.headers.get('authentication-token');
  if (!session) throw new Error(`CSM login: ${login.status}`);
  const csm = (p: string, body: unknown) =>
    fetch(`${url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', 'authentication-token': session }, body: JSON.stringify(body) });
  for (const [n, i] of list.resources.slice(0, 16).entries()) {
    const org = out.spaces.find((s) => s.guid === i.relationships.space.data.guid)!.org;
    const orgName = (await ok<{ name: string }>(admin.call('GET', `/v3/organizations/${org}`), 'org')).name;
    const transfer = await csm(
      `/csm/ServiceOfferingInstance/${i.guid}/transferOwnership`,
      csmBody([csmParam('newOwnerName', `user-${n % size.users}`), csmParam('newTenantName', orgName)]),
    );
    const task = (await transfer.json()) as { taskState?: string }[];
    if (task[0]?.taskState !== 'COMPLETED') throw new Error(`transfer: ${JSON.stringify(task)}`);
    const share = await csm(`/csm/ServiceOfferingInstance/${i.guid}/share`, csmBody([csmParam('userNameList', [`user-${(n + 1) % size.users}`, `user-${(n + 2) % size.users}`])]));
    const shared = (await share.json()) as { taskState?: string }[];
    if (shared[0]?.taskState !== 'COMPLETED') throw new Error(`share: ${JSON.stringify(shared)}`);
  }
  void clients;
  return out;
}

/** Waits until no instance has an operation in progress. */
export async function settled(admin: Api): Promise<void> {
  for (let n = 0; n < 200; n++) {
    const res = await ok<{ resources: { last_operation: { state: string } }[] }>(admin.call('GET', '/v3/service_instances?per_page=5000'), 'instances');
    if (res.resources.every((r) => r.last_operation.state !== 'in progress')) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('instances still in progress');
}
