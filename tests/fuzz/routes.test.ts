// Property-based fuzzing of every route of every dialect on the app: random and malformed bodies, path parameters,
// query strings and headers. Whatever arrives: never a 5xx; every 4xx is JSON in the envelope of the API called; and
// a 4xx changes nothing (a digest of every table, read from the same SQLite file, is the same before and after).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { csmLogin } from '../helpers/csm';
import { expectEnvelope, type Dialect } from '../helpers/envelopes';
import { startTestGateway, type TestGateway } from '../helpers/testGateway';
import { fuzzSettings } from './fuzzSettings';

const { runs, seed } = fuzzSettings(250);

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface RouteEntry {
  method: Method;
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route registered on the app, read from express's router stacks. */
function routesOf(stack: Layer[]): RouteEntry[] {
  const out: RouteEntry[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const path of paths) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && ['get', 'post', 'put', 'patch', 'delete'].includes(method)) out.push({ method: method as Method, path });
        }
      }
    } else if (layer.handle?.stack) out.push(...routesOf(layer.handle.stack));
  }
  return out;
}

/** The dialect a path belongs to, as a client sees it. */
function dialectOf(path: string): Dialect {
  const p = path.toLowerCase();
  if (p.startsWith('/csm')) return 'csm';
  if (p.startsWith('/v2/') || p === '/v2') return 'v2';
  if (/^\/(admin|metrics|healthz|readyz)(\/|\.|$)/.test(p)) return 'ops';
  if (p.startsWith('/v1/') || p === '/v1') return 'env-shares';
  if (/^\/(oauth|users|token_keys|token_key|userinfo|login)(\/|$)/.test(p)) return 'uaa';
  return 'v3';
}

/** Tables whose rows change on any authenticated call, refused or not (session use, failed-login counts, the usage
 * counts written every few seconds in the background). */
const VOLATILE = new Set(['sessions', 'usage', '__drizzle_migrations']);

/** Every row of every table, as JSON text per table. */
function snapshot(db: Database.Database): Map<string, string[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return new Map(
    tables
      .filter((t) => !VOLATILE.has(t))
      .map((t) => [
        t,
        db
          .prepare(`SELECT * FROM "${t}" ORDER BY rowid`)
          .raw()
          .all()
          .map((row) => JSON.stringify(row)),
      ]),
  );
}

const digest = (db: Database.Database) => JSON.stringify([...snapshot(db)]);

/**
 * What a refused request changed: rows added, changed or removed, by table. A caller with a valid token is created
 * as a user on its first call whatever the answer (as Cloud Controller does), so a new row of the caller itself is
 * not a change.
 */
function changes(before: Map<string, string[]>, after: Map<string, string[]>, callerGuid?: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [table, rows] of after) {
    const was = new Set(before.get(table) ?? []);
    const now = new Set(rows);
    // the caller's own user record is registered (again) on first sight of its token, as Cloud Controller does
    const callersOwn = (r: string) => table === 'users' && callerGuid !== undefined && r.includes(`"${callerGuid}"`);
    const added = rows.filter((r) => !was.has(r) && !callersOwn(r));
    const removed = [...was].filter((r) => !now.has(r) && !callersOwn(r));
    if (added.length || removed.length) out[table] = [...added.map((r) => `+${r}`), ...removed.map((r) => `-${r}`)];
  }
  return out;
}

let dir: string;
let t: TestGateway;
let db: Database.Database;
let routes: RouteEntry[];
let guids: string[];
let tokens: string[];
let tokenGuids: string[];
let csmSession: string;
const statuses = new Map<number, number>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sharegate-fuzz-'));
  t = await startTestGateway({ DATABASE_URL: join(dir, 'fuzz.db'), ADMIN_PASSWORD: 'fuzz-admin-Pa55word' });
  await t.gateway.ready;
  const org = await t.admin.post('/v3/organizations', { name: 'fuzz-org' });
  const space = await t.admin.post('/v3/spaces', { name: 'fuzz-space', relationships: { organization: { data: { guid: org.body.guid } } } });
  const user = await t.as('fuzz-user');
  await user.get('/v3/spaces');
  guids = [org.body.guid as string, space.body.guid as string, user.guid];
  tokens = [t.admin.token, user.token];
  tokenGuids = [t.admin.guid, user.guid];
  csmSession = await csmLogin(t.http, 'admin', 'fuzz-admin-Pa55word');
  routes = routesOf((t.gateway.app as unknown as { router: { stack: Layer[] } }).router.stack);
  db = new Database(join(dir, 'fuzz.db'), { readonly: true, fileMustExist: true });
  console.log(`fuzz: ${routes.length} routes, ${runs} runs, seed ${seed} (replay: npm run fuzz -- --runs ${runs} --seed ${seed})`);
});
afterAll(async () => {
  db?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const segment = () =>
  fc.oneof(
    fc.constantFrom(...['00000000-0000-0000-0000-000000000000', 'ServiceOfferingInstance', 'Users', '..', '%00', '%E0%A4%A', '%2F', ' ', '']),
    fc.integer({ min: 0, max: 2 }).map((i) => guids[i]!),
    fc.string({ maxLength: 40 }).map(encodeURIComponent),
    fc.string({ unit: 'binary', maxLength: 20 }).map((s) => encodeURIComponent(s).replace(/%25/g, '%')),
  );

const queryString = () =>
  fc.oneof(
    fc.constant(''),
    fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom('names', 'guids', 'page', 'per_page', 'order_by', 'label_selector', 'q', 'filter', 'include', 'fields[space]', 'timeout')),
          fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('-1', '0', '1e309', '5001', '%', 'a,b,,c')),
        ),
        { maxLength: 6 },
      )
      .map((pairs) => `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v === '%' ? '%' : encodeURIComponent(v)}`).join('&')}`),
    fc.string({ maxLength: 30 }).map((s) => `?${s.replace(/[#\s]/g, '')}`),
  );

const body = () =>
  fc.oneof(
    fc.constant(undefined),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.record({ name: fc.string({ maxLength: 10 }), relationships: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 60 }),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v).slice(0, -1)),
    fc.constantFrom('[', '{"a":', '{}', '[]', 'null', '{"name":"x",}', '\u0000', '{"__proto__":{"admin":true}}'),
  );

const headers = () =>
  fc.record({
    // mostly a valid token, so that requests get past authentication to the parsers and handlers
    authorization: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 1 }).map((i) => `bearer ${tokens[i]!}`) },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom('bearer', 'bearer not-a-jwt', 'Basic Zm9vOmJhcg==', 'Basic !!!', 'bearer eyJhbGciOiJub25lIn0.e30.') },
    ),
    contentType: fc.constantFrom(undefined, 'application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/json; charset=latin-99', 'multipart/form-data'),
    extra: fc.dictionary(
      fc.constantFrom('X-VCAP-Request-ID', 'If-Match', 'Accept', 'Accept-Encoding', 'X-Forwarded-For', 'Cookie', 'Range'),
      fc.string({ maxLength: 300 }).map((v) => v.replace(/[^\x20-\x7e]/g, '')),
      { maxKeys: 3 },
    ),
    csmToken: fc.oneof(
      fc.constantFrom(undefined, 'not-a-session', ''),
      fc.constant(null).map(() => csmSession),
    ),
  });

const request = () =>
  fc.record({
    route: fc.integer({ min: 0, max: 10_000 }),
    segments: fc.array(segment(), { minLength: 4, maxLength: 4 }),
    query: queryString(),
    body: body(),
    headers: headers(),
  });

function concretePath(template: string, segments: string[]): string {
  let i = 0;
  return template.replace(/\{[^}]*\}/g, '').replace(/:[A-Za-z_]+|\*[A-Za-z_]+/g, () => segments[i++ % segments.length] || 'x');
}

interface FuzzRequest {
  body?: string;
  headers: { authorization?: string; contentType?: string; csmToken?: string | undefined; extra: Record<string, string> };
}

async function send(method: Method, url: string, r: FuzzRequest): Promise<Response> {
  let call = t.http[method](url);
  call = call.set(r.headers.extra);
  if (r.headers.authorization) call = call.set('Authorization', r.headers.authorization);
  if (r.headers.csmToken !== undefined) call = call.set('Authentication-Token', r.headers.csmToken);
  if (r.headers.contentType) call = call.set('Content-Type', r.headers.contentType);
  if (r.body !== undefined && method !== 'get') call = call.send(r.body);
  return call;
}

it('the digest sees every committed write (so the invariant below can fail)', async () => {
  const before = digest(db);
  const res = await t.admin.post('/v3/organizations', { name: 'fuzz-digest-check' });
  expect(res.status).toBe(201);
  expect(digest(db)).not.toBe(before);
});

it(
  'every route of every dialect: never a 5xx, every 4xx in its envelope and with nothing changed',
  async () => {
    await fc.assert(
      fc.asyncProperty(request(), async (r) => {
        const route = routes[r.route % routes.length]!;
        const url = concretePath(route.path, r.segments) + r.query;
        await t.settle();
        const before = snapshot(db);
        const res = await send(route.method, url, r);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          expectEnvelope(res, dialectOf(url.split('?')[0]!));
          await t.settle();
          const caller = tokens.findIndex((token) => r.headers.authorization === `bearer ${token}`);
          expect(changes(before, snapshot(db), tokenGuids[caller])).toEqual({});
        }
      }),
      { numRuns: runs, seed, verbose: true },
    );
    console.log(`fuzz: answers by status ${JSON.stringify(Object.fromEntries(statuses))}`);
  },
  Math.max(20_000, runs * 50),
);
