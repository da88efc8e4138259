// The authorization matrix: every route of every dialect (read from the routers themselves, so that a new route
// cannot be left out) against every kind of caller, each cell's status derived from the policy
// (src/core/policy.ts, through ./callers.ts) and the dialect's way of showing a refusal: v3, env-shares, CSM and the
// UAA show a record the caller may not see as missing (404), v2 as 403 CF-NotAuthorized; a visible record the caller
// may not act on is 403 everywhere; a body naming a space or organization the caller cannot use is v3's 422 and
// the 400 of the others; a missing, malformed or expired credential is 401. Any cell that differs fails the test,
// and the failure lists every such cell.
import type { Response } from 'supertest';
import { expectEnvelope, type Dialect } from '../helpers/envelopes';
import { ADMIN_PASSWORD } from '../helpers/csm';
import { startTestGateway, type TestGateway } from '../helpers/testGateway';
import { buildWorld, CALLER_KINDS, policyOf, type Caller, type World } from './callers';
import { freshMaker, routeRules, type Extras, type RouteRule } from './routeRules';
import { queryRows, sqliteOf } from '../helpers/testDatabase';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route registered on the app, `METHOD path`, read from express's router stacks. */
function registeredRoutes(stack: Layer[]): string[] {
  const out: string[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const path of paths) for (const [method, on] of Object.entries(layer.route.methods)) if (on) out.push(`${method.toUpperCase()} ${path}`);
    } else if (layer.handle?.stack) out.push(...registeredRoutes(layer.handle.stack));
  }
  return out;
}

function dialectOf(path: string): Dialect {
  const p = path.toLowerCase();
  if (p.startsWith('/csm')) return 'csm';
  if (p.startsWith('/v2/') || p === '/v2') return 'v2';
  if (/^\/(admin|metrics|healthz|readyz)(\/|\.|$)/.test(p)) return 'ops';
  if (p.startsWith('/v1/')) return 'env-shares';
  if (/^\/(oauth|users|token_keys|token_key|userinfo|login)(\/|$)/.test(p)) return 'uaa';
  return 'v3';
}

/** How each dialect shows a refusal. */
function statusOf(outcome: 'hidden' | 'forbidden' | 'invalid', dialect: Dialect): number {
  if (outcome === 'forbidden') return 403;
  if (outcome === 'hidden') return dialect === 'v2' ? 403 : 404;
  return dialect === 'v3' ? 422 : 400;
}

function expectedStatus(rule: RouteRule, w: World, c: Caller, dialect: Dialect): { status: number; allowed: boolean } {
  if (rule.rule === 'open') return { status: rule.ok, allowed: false };
  if (!c.actor) return { status: 401, allowed: false };
  const outcome = rule.rule(policyOf(w, c), w);
  if (outcome === 'ok') return { status: rule.ok, allowed: true };
  const special = outcome === 'hidden' ? rule.hiddenAs : outcome === 'forbidden' ? rule.forbiddenAs : undefined;
  return { status: special ?? statusOf(outcome, dialect), allowed: false };
}

/** Every row of every table but the sessions, the usage counts, the login failures and the migrations, as one string. */
async function digest(): Promise<string> {
  const store = t.gateway.store;
  const skipped = ['sessions', 'usage', 'login_failures', '__drizzle_migrations'];
  if (store.kind !== 'sqlite') {
    const tables = await queryRows<{ name: string }>(
      store,
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    const rows = [];
    for (const { name } of tables.filter((x) => !skipped.includes(x.name))) rows.push([name, await queryRows(store, `SELECT * FROM "${name}" ORDER BY 1`)]);
    return JSON.stringify(rows);
  }
  const db = sqliteOf(store);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return JSON.stringify(tables.filter((name) => !skipped.includes(name)).map((name) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().all()]));
}

let t: TestGateway;
let w: World;
let extras: Extras;
let rules: RouteRule[];
let registered: string[];

beforeAll(async () => {
  t = await startTestGateway({ ADMIN_PASSWORD });
  await t.gateway.ready;
  registered = registeredRoutes((t.gateway.app as unknown as { router: { stack: Layer[] } }).router.stack);
  w = await buildWorld(t);
  const fresh = freshMaker(t, w);
  const job = await t.admin.post('/v3/service_instances', {
    type: 'managed',
    name: 'authz-job-si',
    relationships: { space: { data: { guid: w.space } }, service_plan: { data: { guid: '2a8b4c6d-7e9f-4a1b-9c3d-5e7f9a1b3c5d' } } },
  });
  await t.settle();
  const plan = await t.admin.get('/v3/service_plans/2a8b4c6d-7e9f-4a1b-9c3d-5e7f9a1b3c5d');
  const developer = w.callers.find((c) => c.kind === 'space developer')!;
  const adminTask = await t.http
    .post(`/csm/ServiceOfferingInstance/${w.instance}/share`)
    .set('Authentication-Token', w.adminCsm)
    .send({
      timeout: -1,
      operationParams: [{ name: 'userNameList', value: [w.callers.find((c) => c.kind === 'shared with')!.username], type: 'java.lang.String', multiplicity: '0..*' }],
    });
  const shares = await t.admin.get(`/v1/envs/${w.space}/shares`);
  extras = {
    job: String(job.headers.location).split('/').pop()!,
    spaceEvent: (await t.admin.get(`/v3/audit_events?types=audit.space.create&target_guids=${w.space}`)).body.resources[0].guid,
    quota: (await t.admin.get('/v3/organization_quotas')).body.resources[0].guid,
    offering: plan.body.relationships.service_offering.data.guid,
    plan: plan.body.guid,
    broker: (await t.admin.get('/v3/service_brokers')).body.resources[0].guid,
    ups: await fresh.instance(undefined, 'user-provided'),
    adminTask: adminTask.body[0].guid,
    envShare: (shares.body.values as { id: string; granteeAccountId: string }[]).find((s) => s.granteeAccountId === w.victim.guid)!.id,
    apiToken: (await t.admin.post(`/v1/accounts/${developer.guid}/tokens`, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() })).body.data.id,
    developerGuid: developer.guid,
    refreshToken: await fresh.refreshToken(),
    relationsUser: (await fresh.user()).guid,
    orgRoleUser: await fresh.user(),
    spaceRoleUser: await fresh.user(),
  };
  rules = routeRules(extras);
}, 120_000);
afterAll(() => t?.close());

it('the digest of the database sees every committed write (so a refused write that changed something is caught)', async () => {
  const before = await digest();
  expect((await t.admin.patch(`/v3/spaces/${w.otherSpace}`, { metadata: { labels: { digest: 'seen' } } })).status).toBe(200);
  expect(await digest()).not.toBe(before);
});

it('every route the routers register has a rule in the matrix, and every rule names a registered route', () => {
  const covered = new Set(rules.map((r) => r.route));
  expect(registered.filter((r) => !covered.has(r))).toEqual([]);
  expect([...covered].filter((r) => !registered.includes(r))).toEqual([]);
});

it('every route of every dialect answers every kind of caller as the policy says', async () => {
  const fresh = freshMaker(t, w);
  const differing: string[] = [];
  let cells = 0;
  for (const rule of rules) {
    const [method] = rule.route.split(' ');
    for (const c of w.callers) {
      const probe = await rule.request({ t, w, c, allowed: false, fresh });
      const dialect = dialectOf(probe.path);
      const expected = expectedStatus(rule, w, c, dialect);
      const cell = expected.allowed ? await rule.request({ t, w, c, allowed: true, fresh }) : probe;
      const verb = method === '_ALL' ? 'get' : (method!.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete');
      let call = t.http[verb](cell.path);
      if (dialect === 'csm') {
        const token = cell.csmToken ?? c.csmToken;
        if (token !== undefined) call = call.set('Authentication-Token', token);
      } else if (c.authorization) call = call.set('Authorization', c.authorization);
      if (cell.path === '/oauth/token' && cell.body) call = call.type('form').send(cell.body as Record<string, string>);
      else if (cell.body !== undefined) call = call.send(cell.body as object);
      // a write the policy refuses changes nothing (sessions are touched by every CSM call, refused or not)
      const guarded = verb !== 'get' && rule.rule !== 'open' && !expected.allowed;
      const before = guarded ? await digest() : '';
      const res: Response = await call;
      if (verb !== 'get') await t.settle();
      cells++;
      const name = `${rule.route}${rule.variant ? ` (${rule.variant})` : ''} as ${c.kind}`;
      if (guarded && (await digest()) !== before) differing.push(`${name}: refused with ${res.status}, yet the database changed`);
      if (res.status !== expected.status) {
        differing.push(`${name}: expected ${expected.status}, got ${res.status} ${res.text.slice(0, 160)}`);
        continue;
      }
      if (res.status >= 400 && !(dialect === 'uaa' && res.status === 405)) {
        try {
          expectEnvelope(res, dialect);
        } catch {
          differing.push(`${name}: ${res.status} not in the ${dialect} envelope: ${res.text.slice(0, 160)}`);
        }
      }
    }
  }
  console.log(`authorization matrix: ${rules.length} routes and variants x ${CALLER_KINDS.length} callers = ${cells} cells, ${differing.length} differing`);
  expect(differing).toEqual([]);
}, 240_000);

it('DELETE /v3/service_instances/:guid/relationships/shared_spaces/:space_guid by a user the instance is shared with is 403 and the share stays', async () => {
  const sharedWith = w.callers.find((c) => c.kind === 'shared with')!;
  expect((await t.admin.post(`/v3/service_instances/${w.instance}/relationships/shared_spaces`, { data: [{ guid: w.otherSpace }] })).status).toBe(200);
  const res = await t.http.delete(`/v3/service_instances/${w.instance}/relationships/shared_spaces/${w.otherSpace}`).set('Authorization', sharedWith.authorization!);
  expect(res.status).toBe(403);
  expect(res.body.errors[0].title).toBe('CF-NotAuthorized');
  const spaces = await t.admin.get(`/v3/service_instances/${w.instance}/relationships/shared_spaces`);
  expect(spaces.body.data).toEqual([{ guid: w.otherSpace }]);
});
