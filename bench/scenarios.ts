// What the bench drives: every dialect's hot paths, as a bench user with ordinary space roles unless noted.
import { randomUUID } from 'node:crypto';
import { SHAREABLE_PLAN, type Fixture } from './seed';
import type { LoadRequest, NextRequest } from './load';

export type Dialect = 'baseline' | 'cf-v3' | 'cf-v2' | 'csm' | 'env-shares';

export interface Scenario {
  id: string;
  label: string;
  dialect: Dialect;
  /** read: a single resource; list: a page of resources (also measured against a baseline sending the same bytes) */
  kind: 'baseline' | 'read' | 'list' | 'write';
  target: 'baseline' | 'gateway';
  /** also measured against a baseline that sends the same body (lists always are) */
  sameBytes?: boolean;
  /** a harmless request on the dialect, to tell whether it is served at all */
  probe?: () => LoadRequest;
  /** before each measured run (e.g. re-read revisions); throws when the scenario cannot run */
  prepare?: () => Promise<void>;
  next: NextRequest;
}

export interface Context {
  gatewayPort: number;
  fixture: Fixture;
  devToken: string;
  adminToken: string;
  /** credentials for the CSM dialect's session login */
  csmLogin: { username: string; password: string };
  /** users that exist in the data set, by name, for CSM share lists */
  userNames: string[];
}

export interface Reply {
  status: number;
  text: string;
  headers: Headers;
}

export async function call(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Reply> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** The catch-all answer for a route no dialect serves. */
export const isUnknownRoute = (r: { status: number; text: string }) => r.status === 404 && /Unknown request/i.test(r.text);

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;
const bearer = (token: string) => ({ authorization: `bearer ${token}` });

export function standardScenarios(ctx: Context): Scenario[] {
  const f = ctx.fixture;
  const dev = bearer(ctx.devToken);
  const admin = bearer(ctx.adminToken);
  const get = (path: string, headers: Record<string, string> = dev): LoadRequest => ({ method: 'GET', path, headers });
  const writer = <T>(items: T[], conn: number) => items[conn % items.length]!;

  // v3 share then unshare, each connection on its own instance, cycling over the other dev spaces
  const shareState = new Map<number, { k: number; shared: boolean }>();
  const shareNext: NextRequest = (conn) => {
    const s = shareState.get(conn) ?? { k: 0, shared: false };
    shareState.set(conn, s);
    const instance = writer(f.writerInstances, conn);
    const target = f.devSpaces[1 + (s.k % (f.devSpaces.length - 1))]!;
    const base = `/v3/service_instances/${instance}/relationships/shared_spaces`;
    if (!s.shared) {
      s.shared = true;
      return { method: 'POST', path: base, headers: dev, body: JSON.stringify({ data: [{ guid: target }] }) };
    }
    s.shared = false;
    s.k++;
    return { method: 'DELETE', path: `${base}/${target}`, headers: dev };
  };

  // v2 create then delete, each connection on its own name in its own dev space
  const v2Created = new Map<number, string | undefined>();
  let v2Serial = 0;
  const v2CreateDeleteNext: NextRequest = (conn) => {
    const guid = v2Created.get(conn);
    if (guid) {
      v2Created.set(conn, undefined);
      return { method: 'DELETE', path: `/v2/service_instances/${guid}`, headers: dev };
    }
    const body = JSON.stringify({ name: `bench-v2-${conn}-${++v2Serial}`, space_guid: writer(f.devSpaces, conn), service_plan_guid: SHAREABLE_PLAN });
    return {
      method: 'POST',
      path: '/v2/service_instances',
      headers: dev,
      body,
      onResponse: (status, text) => {
        if (status === 201) v2Created.set(conn, (JSON.parse(text) as { metadata: { guid: string } }).metadata.guid);
      },
    };
  };

  // env-shares PATCH: each connection flips the roles of its own grantee's share, with the revision it last saw
  const envState = new Map<number, { id: string; revision: number; flip: boolean }>();
  const envPrepare = async () => {
    const lists = new Map<string, { id: string; revision: number; granteeAccountId: string }[]>();
    for (let conn = 0; conn < f.writerGrantees.length; conn++) {
      const env = f.devSpaces[conn % f.devSpaces.length]!;
      if (!lists.has(env)) {
        const r = await call(ctx.gatewayPort, 'GET', `/v1/envs/${env}/shares`, dev);
        if (r.status !== 200) throw new Error(`GET /v1/envs/:id/shares answered ${r.status}: ${r.text.slice(0, 200)}`);
        lists.set(env, (JSON.parse(r.text) as { values: { id: string; revision: number; granteeAccountId: string }[] }).values);
      }
      const share = lists.get(env)!.find((v) => v.granteeAccountId === f.writerGrantees[conn]);
      if (!share) throw new Error(`no environment share for grantee ${f.writerGrantees[conn]} in ${env}`);
      envState.set(conn, { id: share.id, revision: share.revision, flip: envState.get(conn)?.flip ?? false });
    }
  };
  const envNext: NextRequest = (conn) => {
    const s = envState.get(conn % f.writerGrantees.length)!;
    s.flip = !s.flip;
    return {
      method: 'PATCH',
      path: `/v1/environment-shares/${s.id}`,
      headers: dev,
      body: JSON.stringify({ currentRevision: s.revision, roles: [s.flip ? 'deployer' : 'viewer'] }),
      onResponse: (status, body) => {
        if (status === 200) s.revision = (JSON.parse(body) as { revision: number }).revision;
      },
    };
  };

  // CSM: a cloud admin session (login when the dialect offers it, else the bearer token)
  // pageSize and pageNo are operation parameters: members of the body beside operationParams are not read
  const CSM_PAGE_OF_50 = JSON.stringify({
    timeout: -1,
    preCallout: '',
    postCallout: '',
    callbackURL: '',
    operationParams: [
      { name: 'pageSize', value: 50, type: 'java.lang.Integer', multiplicity: '0..1' },
      { name: 'pageNo', value: 0, type: 'java.lang.Integer', multiplicity: '0..1' },
    ],
  });
  let csmHeaders: Record<string, string> | undefined;
  const csmAuth = async () => {
    if (csmHeaders) return csmHeaders;
    const r = await call(ctx.gatewayPort, 'POST', '/csm/login', {}, ctx.csmLogin);
    const token = r.headers.get('authentication-token');
    csmHeaders = token ? { 'authentication-token': token } : admin;
    return csmHeaders;
  };
  const csmShareBody = (conn: number, flip: boolean) =>
    JSON.stringify({
      timeout: 0,
      preCallout: '',
      postCallout: '',
      callbackURL: '',
      operationParams: [{ name: 'userNameList', value: [ctx.userNames[(conn * 2 + (flip ? 1 : 0)) % ctx.userNames.length]], type: 'java.lang.String', multiplicity: '0..*' }],
    });
  const csmFlip = new Map<number, boolean>();
  const taskGuids: string[] = [];
  const taskOf = (body: string) => {
    try {
      const parsed = JSON.parse(body) as unknown;
      const task = (Array.isArray(parsed) ? parsed[0] : parsed) as { guid?: unknown } | undefined;
      if (typeof task?.guid === 'string' && taskGuids.length < 10_000) taskGuids.push(task.guid);
    } catch {
      /* not a task */
    }
  };
  const csmShare = (conn: number): LoadRequest => {
    const flip = !(csmFlip.get(conn) ?? false);
    csmFlip.set(conn, flip);
    return {
      method: 'POST',
      path: `/csm/ServiceOfferingInstance/${writer(f.writerInstances, conn)}/share`,
      headers: csmHeaders ?? admin,
      body: csmShareBody(conn, flip),
      onResponse: (status, body) => status < 300 && taskOf(body),
    };
  };

  return [
    { id: 'baseline', label: 'baseline: bare express 5, small JSON', dialect: 'baseline', kind: 'baseline', target: 'baseline', next: () => ({ method: 'GET', path: '/' }) },
    {
      id: 'v3-get',
      label: 'v3 GET /v3/service_instances/:guid',
      dialect: 'cf-v3',
      sameBytes: true,
      kind: 'read',
      target: 'gateway',
      probe: () => get(`/v3/service_instances/${f.devInstances[0]}`),
      next: () => get(`/v3/service_instances/${pick(f.devInstances)}`),
    },
    {
      id: 'v3-list',
      label: 'v3 GET /v3/service_instances?per_page=50',
      dialect: 'cf-v3',
      kind: 'list',
      target: 'gateway',
      probe: () => get('/v3/service_instances?per_page=50'),
      next: () => get('/v3/service_instances?per_page=50'),
    },
    {
      id: 'v3-list-admin',
      label: 'v3 GET /v3/service_instances?per_page=50 (admin)',
      dialect: 'cf-v3',
      kind: 'list',
      target: 'gateway',
      probe: () => get('/v3/service_instances?per_page=50', admin),
      next: () => get('/v3/service_instances?per_page=50', admin),
    },
    {
      id: 'v3-shared-spaces',
      label: 'v3 GET .../relationships/shared_spaces',
      dialect: 'cf-v3',
      kind: 'read',
      target: 'gateway',
      probe: () => get(`/v3/service_instances/${f.sharedDevInstances[0]}/relationships/shared_spaces`),
      next: () => get(`/v3/service_instances/${pick(f.sharedDevInstances)}/relationships/shared_spaces`),
    },
    {
      id: 'v3-share-unshare',
      label: 'v3 share + unshare (POST, DELETE alternating)',
      dialect: 'cf-v3',
      kind: 'write',
      target: 'gateway',
      probe: () => get(`/v3/service_instances/${f.writerInstances[0]}/relationships/shared_spaces`),
      next: shareNext,
    },
    {
      id: 'v2-get',
      label: 'v2 GET /v2/service_instances/:guid',
      dialect: 'cf-v2',
      kind: 'read',
      target: 'gateway',
      probe: () => get(`/v2/service_instances/${f.devInstances[0]}`),
      next: () => get(`/v2/service_instances/${pick(f.devInstances)}`),
    },
    {
      id: 'v2-list',
      label: 'v2 GET /v2/service_instances?results-per-page=50',
      dialect: 'cf-v2',
      kind: 'list',
      target: 'gateway',
      probe: () => get('/v2/service_instances?results-per-page=50'),
      next: () => get('/v2/service_instances?results-per-page=50'),
    },
    {
      id: 'v2-list-admin',
      label: 'v2 GET /v2/service_instances?results-per-page=50 (admin)',
      dialect: 'cf-v2',
      kind: 'list',
      target: 'gateway',
      probe: () => get('/v2/service_instances?results-per-page=50', admin),
      next: () => get('/v2/service_instances?results-per-page=50', admin),
    },
    {
      id: 'v2-create-delete',
      label: 'v2 POST + DELETE /v2/service_instances (alternating)',
      dialect: 'cf-v2',
      kind: 'write',
      target: 'gateway',
      probe: () => get(`/v2/service_instances/${f.devInstances[0]}`),
      next: v2CreateDeleteNext,
    },
    {
      id: 'v2-managers',
      label: 'v2 GET /v2/spaces/:guid/managers',
      dialect: 'cf-v2',
      kind: 'list',
      target: 'gateway',
      probe: () => get(`/v2/spaces/${f.devSpaces[0]}/managers`),
      next: () => get(`/v2/spaces/${pick(f.devSpaces)}/managers`),
    },
    {
      id: 'csm-share',
      label: 'CSM POST .../share (timeout 0)',
      dialect: 'csm',
      kind: 'write',
      target: 'gateway',
      probe: () => get(`/csm/task/${randomUUID()}`, admin),
      prepare: async () => void (await csmAuth()),
      next: csmShare,
    },
    {
      id: 'csm-task',
      label: 'CSM GET /csm/task/:guid',
      dialect: 'csm',
      kind: 'read',
      target: 'gateway',
      probe: () => get(`/csm/task/${randomUUID()}`, admin),
      prepare: async () => {
        const headers = await csmAuth();
        for (let i = 0; taskGuids.length < 20 && i < 40; i++) {
          const r = await call(
            ctx.gatewayPort,
            'POST',
            `/csm/ServiceOfferingInstance/${f.writerInstances[i % f.writerInstances.length]}/share`,
            headers,
            JSON.parse(csmShareBody(i, true)),
          );
          if (r.status >= 300) throw new Error(`CSM share answered ${r.status}: ${r.text.slice(0, 200)}`);
          taskOf(r.text);
        }
        if (taskGuids.length === 0) throw new Error('CSM share returned no task guid');
      },
      next: () => get(`/csm/task/${pick(taskGuids)}`, csmHeaders ?? admin),
    },
    {
      id: 'csm-search',
      label: 'CSM POST /csm/ServiceOfferingInstance/search (page of 50)',
      dialect: 'csm',
      kind: 'list',
      target: 'gateway',
      probe: () => get(`/csm/task/${randomUUID()}`, admin),
      prepare: async () => void (await csmAuth()),
      next: () => ({ method: 'POST', path: '/csm/ServiceOfferingInstance/search', headers: csmHeaders ?? admin, body: CSM_PAGE_OF_50 }),
    },
    {
      id: 'env-list',
      label: 'env-shares GET /v1/envs/:id/shares',
      dialect: 'env-shares',
      kind: 'list',
      target: 'gateway',
      probe: () => get(`/v1/envs/${f.devSpaces[0]}/shares`),
      next: () => get(`/v1/envs/${pick(f.devSpaces)}/shares`),
    },
    {
      id: 'env-patch',
      label: 'env-shares PATCH /v1/environment-shares/:id',
      dialect: 'env-shares',
      kind: 'write',
      target: 'gateway',
      probe: () => ({ method: 'PATCH', path: `/v1/environment-shares/${randomUUID()}`, headers: dev, body: JSON.stringify({ currentRevision: 0, roles: ['viewer'] }) }),
      prepare: envPrepare,
      next: envNext,
    },
  ];
}

/** The scale run: a get and a list page, as the bench user and as admin. */
export function scaleScenarios(ctx: Context): Scenario[] {
  const f = ctx.fixture;
  const dev = bearer(ctx.devToken);
  const admin = bearer(ctx.adminToken);
  const get = (path: string, headers: Record<string, string> = dev): LoadRequest => ({ method: 'GET', path, headers });
  return [
    {
      id: 'v3-get',
      label: 'v3 GET /v3/service_instances/:guid',
      dialect: 'cf-v3',
      kind: 'read',
      target: 'gateway',
      next: () => get(`/v3/service_instances/${pick(f.devInstances)}`),
    },
    { id: 'v3-list', label: 'v3 GET /v3/service_instances?per_page=50', dialect: 'cf-v3', kind: 'read', target: 'gateway', next: () => get('/v3/service_instances?per_page=50') },
    {
      id: 'v3-list-admin',
      label: 'v3 GET /v3/service_instances?per_page=50 (admin)',
      dialect: 'cf-v3',
      kind: 'read',
      target: 'gateway',
      next: () => get('/v3/service_instances?per_page=50', admin),
    },
  ];
}

/** Cloud Controller's performance suite on roles: GET /v3/roles as admin and as the user holding them all. */
export function roleScenarios(ctx: Pick<Context, 'adminToken'> & { userToken: string }): Scenario[] {
  const get = (path: string, token: string): LoadRequest => ({ method: 'GET', path, headers: bearer(token) });
  const scenario = (id: string, label: string, path: string, token: string): Scenario => ({
    id,
    label,
    dialect: 'cf-v3',
    kind: 'list',
    target: 'gateway',
    next: () => get(path, token),
  });
  return [
    scenario('roles-admin', 'v3 GET /v3/roles (admin, first page)', '/v3/roles', ctx.adminToken),
    scenario('roles-user', 'v3 GET /v3/roles (the user)', '/v3/roles', ctx.userToken),
    scenario('roles-user-types', 'v3 GET /v3/roles?types=organization_manager,space_developer (the user)', '/v3/roles?types=organization_manager,space_developer', ctx.userToken),
  ];
}
