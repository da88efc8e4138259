// GET /v3/service_instances: pagination, filters, order_by, label_selector, visibility and query errors (contract §1.4, §2.2).
import { factories, DEFAULT_PLANS } from '../../helpers/factories';
import { expectCfError } from '../../helpers/expectations';
import { BASE, useGateway, type Client } from '../../helpers/testGateway';

const t = useGateway();
const f = factories(t);
let orgA: string;
let orgB: string;
let S1: string;
let S2: string;
let S3: string;
const si: Record<string, string> = {};

type Listed = { body: { resources: { name: string }[] } };
const names = (res: Listed) => res.body.resources.map((x) => x.name);
const list = (query: string, c: Client = t.admin) => c.get(`/v3/service_instances?${query}`);
const badQuery = (res: Parameters<typeof expectCfError>[0], message: string) =>
  expectCfError(res, 400, 'CF-BadQueryParameter', 10005, `The query parameter is invalid: ${message}`);

beforeAll(async () => {
  orgA = (await f.org('si-list-a')).guid;
  orgB = (await f.org('si-list-b')).guid;
  S1 = (await f.space(orgA, 's1')).guid;
  S2 = (await f.space(orgA, 's2')).guid;
  S3 = (await f.space(orgB, 's3')).guid;
  // creation order: delta, alpha, charlie (managed), bravo, echo (user-provided)
  si.delta = (await f.managedInstance(S1, 'delta')).guid;
  si.alpha = (await f.managedInstance(S2, 'alpha', DEFAULT_PLANS.notShareable)).guid;
  si.charlie = (await f.managedInstance(S3, 'charlie', DEFAULT_PLANS.shareableLarge)).guid;
  si.bravo = (await f.userProvidedInstance(S1, 'bravo', { metadata: { labels: { env: 'prod', tier: 'gold' } } })).guid;
  si.echo = (await f.userProvidedInstance(S3, 'echo', { metadata: { labels: { env: 'dev' } } })).guid;
  await t.admin.patch(`/v3/service_instances/${si.delta}`, { metadata: { labels: { env: 'prod' } } });
});

describe('GET /v3/service_instances pagination', () => {
  it('GET /v3/service_instances returns every instance in creation order with the pagination object', async () => {
    const res = await list('');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['pagination', 'resources']);
    expect(names(res)).toEqual(['delta', 'alpha', 'charlie', 'bravo', 'echo']);
    expect(res.body.pagination).toEqual({
      total_results: 5,
      total_pages: 1,
      first: { href: `${BASE}/v3/service_instances?page=1&per_page=50` },
      last: { href: `${BASE}/v3/service_instances?page=1&per_page=50` },
      next: null,
      previous: null,
    });
    expect(Object.keys(res.body.pagination)).toEqual(['total_results', 'total_pages', 'first', 'last', 'next', 'previous']);
  });

  it('GET /v3/service_instances?per_page=2&page=2 has next and previous links', async () => {
    const res = await list('per_page=2&page=2');
    expect(names(res)).toEqual(['charlie', 'bravo']);
    const at = (n: number) => ({ href: `${BASE}/v3/service_instances?page=${n}&per_page=2` });
    expect(res.body.pagination).toEqual({ total_results: 5, total_pages: 3, first: at(1), last: at(3), next: at(3), previous: at(1) });
  });

  it('GET /v3/service_instances past the last page is 200 with no resources', async () => {
    const res = await list('per_page=2&page=9');
    expect(res.body.resources).toEqual([]);
    expect(res.body.pagination).toMatchObject({ total_results: 5, total_pages: 3, next: null, previous: { href: `${BASE}/v3/service_instances?page=8&per_page=2` } });
  });

  it('GET /v3/service_instances with nothing matching has total_pages 1', async () => {
    const res = await list('names=nope');
    expect(res.body.resources).toEqual([]);
    expect(res.body.pagination).toMatchObject({ total_results: 0, total_pages: 1, first: { href: `${BASE}/v3/service_instances?names=nope&page=1&per_page=50` } });
  });

  it('pagination links rebuild the query: sorted keys, escaped commas, order_by=name echoed as +name', async () => {
    const res = await list('per_page=1&names=alpha,bravo&order_by=name');
    expect(names(res)).toEqual(['alpha']);
    expect(res.body.pagination.next).toEqual({ href: `${BASE}/v3/service_instances?names=alpha%2Cbravo&order_by=%2Bname&page=2&per_page=1` });
    const desc = await list('per_page=1&order_by=-name');
    expect(desc.body.pagination.first).toEqual({ href: `${BASE}/v3/service_instances?order_by=-name&page=1&per_page=1` });
  });
});

describe('GET /v3/service_instances filters and order', () => {
  it('GET /v3/service_instances?order_by=name / -name / created_at / %2Bname', async () => {
    expect(names(await list('order_by=name'))).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
    expect(names(await list('order_by=-name'))).toEqual(['echo', 'delta', 'charlie', 'bravo', 'alpha']);
    expect(names(await list('order_by=created_at'))).toEqual(['delta', 'alpha', 'charlie', 'bravo', 'echo']);
    expect(names(await list('order_by=%2Bname'))).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
  });

  it('GET /v3/service_instances?names= filters by name (comma-separated)', async () => {
    expect(names(await list('names=bravo,charlie'))).toEqual(['charlie', 'bravo']);
  });

  it('GET /v3/service_instances?space_guids= and organization_guids= filter by place', async () => {
    expect(names(await list(`space_guids=${S1}`))).toEqual(['delta', 'bravo']);
    expect(names(await list(`space_guids=${S1},${S2}`))).toEqual(['delta', 'alpha', 'bravo']);
    expect(names(await list(`organization_guids=${orgB}`))).toEqual(['charlie', 'echo']);
    expect(names(await list(`organization_guids=${orgA}&names=alpha,charlie`))).toEqual(['alpha']);
  });

  it('GET /v3/service_instances?type= filters by type', async () => {
    expect(names(await list('type=managed'))).toEqual(['delta', 'alpha', 'charlie']);
    expect(names(await list('type=user-provided'))).toEqual(['bravo', 'echo']);
  });

  it('GET /v3/service_instances?guids=, service_plan_guids= and service_plan_names= filter', async () => {
    expect(names(await list(`guids=${si.alpha},${si.echo}`))).toEqual(['alpha', 'echo']);
    expect(names(await list(`service_plan_guids=${DEFAULT_PLANS.shareable},${DEFAULT_PLANS.shareableLarge}`))).toEqual(['delta', 'charlie']);
    expect(names(await list('service_plan_names=cache-small'))).toEqual(['alpha']);
  });

  it('GET /v3/service_instances?label_selector= filters by labels', async () => {
    expect(names(await list('label_selector=env=prod'))).toEqual(['delta', 'bravo']);
    expect(names(await list('label_selector=env'))).toEqual(['delta', 'bravo', 'echo']);
    expect(names(await list('label_selector=!env'))).toEqual(['alpha', 'charlie']);
    expect(names(await list('label_selector=env in (dev,qa)'))).toEqual(['echo']);
    expect(names(await list('label_selector=env notin (prod)'))).toEqual(['alpha', 'charlie', 'echo']);
    expect(names(await list('label_selector=env=prod,tier=gold'))).toEqual(['bravo']);
    expect(names(await list('label_selector=env!=prod'))).toEqual(['alpha', 'charlie', 'echo']);
  });

  it('GET /v3/service_instances?created_ats[lte]= filters by time', async () => {
    const all = await list('');
    const first = all.body.resources[0].created_at;
    expect(names(await list(`created_ats[lte]=${first}`))).toEqual(expect.arrayContaining(['delta']));
    expect(names(await list('created_ats[lt]=2000-01-01T00:00:00Z'))).toEqual([]);
    expect(names(await list('updated_ats[gt]=2000-01-01T00:00:00Z'))).toHaveLength(5);
  });
});

describe('GET /v3/service_instances query errors', () => {
  it.each([
    ['page=0', 'Page must be a positive integer'],
    ['page=abc', 'Page must be a positive integer'],
    ['per_page=0', 'Per page must be a positive integer'],
    ['per_page=5001', 'Per page must be between 1 and 5000'],
    ['order_by=size', "Order by can only be: 'created_at', 'updated_at', 'name'"],
    ['type=shared', "Type must be one of 'managed', 'user-provided'"],
    ['label_selector=', 'Invalid label_selector value'],
    ['label_selector=(((', 'Invalid label_selector value'],
    ['created_ats[between]=2020-01-01T00:00:00Z', "Created ats has an invalid relational operator: 'between'"],
    [
      'color=blue',
      "Unknown query parameter(s): 'color'. Valid parameters are: 'page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', 'type', 'fields', 'names', 'space_guids', 'organization_guids', 'service_plan_guids', 'service_plan_names', 'label_selector'",
    ],
  ])('GET /v3/service_instances?%s is 400 CF-BadQueryParameter "%s"', async (query, message) => {
    badQuery(await list(query), message);
  });

  it('several invalid parameters are reported together, joined by ", "', async () => {
    badQuery(await list('page=0&per_page=9000'), 'Page must be a positive integer, Per page must be between 1 and 5000');
  });
});

describe('GET /v3/service_instances visibility', () => {
  it.each([
    ['space_developer', 'S1', ['delta', 'bravo']],
    ['space_auditor', 'S1', ['delta', 'bravo']],
    ['space_manager', 'S2', ['alpha']],
    ['space_supporter', 'S2', ['alpha']],
    ['organization_manager', 'orgA', ['delta', 'alpha', 'bravo']],
    ['organization_auditor', 'orgA', []],
    ['organization_billing_manager', 'orgA', []],
    ['organization_user', 'orgB', []],
  ])('a %s of %s sees %j', async (role, where, expected) => {
    const guid = { S1, S2, orgA, orgB }[where]!;
    const user = await t.as(`list-${role}-${where}`);
    await f.role(user, role, guid);
    expect(names(await list('', user))).toEqual(expected);
    expect((await list('', user)).body.pagination.total_results).toBe(expected.length);
  });

  it('a user with no role sees an empty list (200)', async () => {
    const res = await list('', await t.as('list-nobody'));
    expect(res.status).toBe(200);
    expect(res.body.resources).toEqual([]);
  });

  it('filters narrow what a user can see and never widen it', async () => {
    const dev = await t.as('list-narrow-dev');
    await f.role(dev, 'space_developer', S1);
    expect(names(await list(`space_guids=${S3}`, dev))).toEqual([]);
    expect(names(await list(`guids=${si.charlie},${si.delta}`, dev))).toEqual(['delta']);
  });
});
