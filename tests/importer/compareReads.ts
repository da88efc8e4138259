// Reads of every dialect, taken from two gateways in the same shape, to compare a target with its source: lists are
// read whole and sorted by guid (their order follows creation times, which the CF APIs give to the second), and the
// gateway's own address is taken out of links.
import type { Api } from './importHarness';

type Json = Record<string, unknown>;

const normal = (a: Api, body: unknown) => JSON.parse(JSON.stringify(body).split(a.url).join('URL')) as unknown;

async function get(a: Api, p: string): Promise<Json> {
  const res = await a.call('GET', p);
  if (res.status !== 200) throw new Error(`GET ${p}: ${res.status} ${JSON.stringify(res.body)}`);
  return normal(a, res.body) as Json;
}

/** status and body, for reads that may be refused alike on both sides */
async function answer(a: Api, p: string) {
  const res = await a.call('GET', p);
  return { status: res.status, body: normal(a, res.body) };
}

const byGuid = (items: Json[], guidOf: (i: Json) => string) => [...items].sort((x, y) => (guidOf(x) < guidOf(y) ? -1 : 1));

/** A v3 list, every page, sorted by guid. */
export async function v3List(a: Api, p: string): Promise<Json[]> {
  const body = await get(a, `${p}${p.includes('?') ? '&' : '?'}per_page=5000`);
  return byGuid(body.resources as Json[], (r) => String(r.guid));
}

/** A v2 list, every page, sorted by guid. */
export async function v2List(a: Api, p: string): Promise<Json[]> {
  const out: Json[] = [];
  let next: string | null = `${p}${p.includes('?') ? '&' : '?'}results-per-page=100`;
  while (next) {
    const body = await get(a, next);
    out.push(...(body.resources as Json[]));
    next = body.next_url as string | null;
  }
  return byGuid(out, (r) => String((r.metadata as Json).guid));
}

/** What each dialect shows of the records: v3, v2, env-shares (per space) and CSM (as the administrator sees it). */
export async function readAll(a: Api, csmToken: string) {
  const v3: Record<string, unknown> = {};
  for (const p of ['/v3/organizations', '/v3/spaces', '/v3/users', '/v3/roles', '/v3/service_instances']) v3[p] = await v3List(a, p);
  const instances = v3['/v3/service_instances'] as Json[];
  for (const i of instances) {
    const g = String(i.guid);
    if (i.type === 'managed') {
      v3[`${g}/shared_spaces`] = await answer(a, `/v3/service_instances/${g}/relationships/shared_spaces`);
      v3[`${g}/parameters`] = await answer(a, `/v3/service_instances/${g}/parameters`);
    } else v3[`${g}/credentials`] = await answer(a, `/v3/service_instances/${g}/credentials`);
  }
  const v2: Record<string, unknown> = {};
  for (const p of ['/v2/organizations', '/v2/spaces', '/v2/service_instances', '/v2/user_provided_service_instances', '/v2/users']) v2[p] = await v2List(a, p);
  const spaces = v3['/v3/spaces'] as Json[];
  for (const s of spaces) {
    for (const rel of ['developers', 'managers', 'auditors']) v2[`${String(s.guid)}/${rel}`] = await v2List(a, `/v2/spaces/${String(s.guid)}/${rel}`);
  }
  // env-shares: a share keeps its id; its revision counts the target's own changes
  const envShares: Record<string, unknown> = {};
  for (const s of spaces) {
    const values = (await get(a, `/v1/envs/${String(s.guid)}/shares`)).values as Json[];
    envShares[String(s.guid)] = values
      .map(({ environmentId, granteeAccountId, roles }) => ({ environmentId, granteeAccountId, roles }))
      .sort((x, y) => (x.granteeAccountId! < y.granteeAccountId! ? -1 : 1));
  }
  const search = await fetch(`${a.url}/csm/ServiceOfferingInstance/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'authentication-token': csmToken },
    body: JSON.stringify({ timeout: -1, callbackURL: '', operationParams: [] }),
  });
  const soi = ((await search.json()) as { results: Json[] }[])[0]!.results;
  const csm = byGuid(soi, (r) => String(r.guid));
  return { v3, v2, envShares, csm };
}

export async function csmLogin(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/csm/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const token = res.headers.get('authentication-token');
  if (!token) throw new Error(`CSM login ${username}: ${res.status}`);
  return token;
}
