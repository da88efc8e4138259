// POST /csm/ServiceOfferingInstance/search over 120 instances of several owners in two tenants: the searches answered
// as one paged store query (no criteria, or name/guid EQUALS, IN, NOT_EQUALS and NOT_IN, oldest first) answer exactly what the in-memory
// search answers for the same criteria (the same criteria under a one-child OR, which only the in-memory search
// reads), page by page; the searches only the in-memory search answers (LIKE, ownerName, orderBy name DESC) page the
// same rows as the whole list filtered and ordered.
import { csmWorld, param, SOI_PATH, standard, startCsmGateway, type CsmClient } from '../../helpers/csm';
import { TEST_DATABASE_URL } from '../../helpers/testDatabase';
import type { TestGateway } from '../../helpers/testGateway';

type Row = { guid: string; name: string; ownerName?: string };
type Results = { cloudClass: string; guid: string; pageNo: number; pageSize: number; totalRows: number; results: Row[] };

const simple = (references: string, operator: string, ...values: string[]) => ({
  cloudClass: 'com.bmc.cloud.model.beans.QuerySimpleCondition',
  operator,
  children: [
    { cloudClass: 'com.bmc.cloud.model.beans.QueryPropertyReference', references: [references] },
    { cloudClass: 'com.bmc.cloud.model.beans.QueryLiteral', type: 'java.lang.String', values },
  ],
});
const select = (...children: unknown[]) => ({ cloudClass: 'com.bmc.cloud.model.beans.QuerySelect', children, fromClass: 'com.bmc.cloud.model.beans.ServiceOfferingInstance' });
/** the same condition, in a shape only the in-memory search reads */
const viaOr = (node: unknown) => ({ cloudClass: 'com.bmc.cloud.model.beans.QueryCompoundCondition', operator: 'OR', children: [node] });
const everything = { cloudClass: 'com.bmc.cloud.model.beans.QueryCompoundCondition', operator: 'AND', children: [] };

interface Search {
  criteria?: unknown;
  pageSize?: number;
  pageNo?: number;
  orderBy?: string[];
}

function body(s: Search) {
  const params: unknown[] = [];
  if (s.criteria !== undefined) params.push(param('criteria', s.criteria, 'com.bmc.cloud.model.beans.Query', '1'));
  if (s.pageSize !== undefined) params.push(param('pageSize', s.pageSize, 'java.lang.Integer', '0..1'));
  if (s.pageNo !== undefined) params.push(param('pageNo', s.pageNo, 'java.lang.Integer', '0..1'));
  if (s.orderBy !== undefined) params.push(param('orderBy', s.orderBy));
  return standard(params);
}

async function search(client: CsmClient, s: Search): Promise<Results> {
  const res = await client.post(`${SOI_PATH}/search`, body(s));
  expect(res.status).toBe(200);
  return res.body[0] as Results;
}

/** these walk every page of many searches: on PostgreSQL each of their reads is a round trip (nothing is cached) */
const LONG = TEST_DATABASE_URL ? 600_000 : 120_000;

const withoutGuid = ({ guid: _guid, ...rest }: Results) => rest;

const PAGES: { pageSize?: number; pageNo?: number }[] = [
  {},
  { pageSize: -1 },
  { pageSize: 50, pageNo: 0 },
  { pageSize: 50, pageNo: 1 },
  { pageSize: 50, pageNo: 2 },
  { pageSize: 50, pageNo: 3 },
  { pageSize: 7, pageNo: 5 },
  { pageSize: 1, pageNo: 0 },
  { pageSize: 1000 },
];

describe('CSM ServiceOfferingInstance search: paged store query and in-memory search agree', () => {
  let t: TestGateway;
  let w: Awaited<ReturnType<typeof csmWorld>>;
  let callers: CsmClient[];
  let created: Row[];
  beforeAll(async () => {
    t = await startCsmGateway();
    w = await csmWorld(t);
    created = [];
    const owners = ['enduser1', 'enduser2', 'enduser3', 'acmeuser'];
    for (let i = 0; i < 120; i++) {
      const owner = owners[i % owners.length]!;
      const space = owner === 'acmeuser' ? w.ops.guid : w.dev.guid;
      // upper-case twins of dev names live in ops, so that name comparisons must respect case
      const name = owner === 'acmeuser' ? `Web-${String(i - 3).padStart(3, '0')}` : `${i % 3 === 0 ? 'web' : 'db'}-${String(i).padStart(3, '0')}`;
      const res = await w.users[owner]!.v3.post('/v3/service_instances', {
        type: 'managed',
        name,
        relationships: { space: { data: { guid: space } }, service_plan: { data: { guid: (await plan()).guid } } },
      });
      expect(res.status).toBe(202);
      created.push({ guid: '', name, ownerName: owner });
    }
    await t.settle();
    // some of enduser1's instances shared with users, so that the rows carry sharedUsers
    const e1 = await w.session('enduser1');
    const own = (await search(e1, { criteria: select(simple('ownerName', 'EQUALS', 'enduser1')) })).results;
    for (const [k, row] of own.slice(0, 6).entries()) {
      const users = k % 2 === 0 ? ['enduser2'] : ['enduser2', 'enduser3'];
      const res = await e1.post(`${SOI_PATH}/${row.guid}/share`, standard([param('userNameList', users)]));
      expect(res.body[0]).toMatchObject({ taskState: 'COMPLETED', isSuccess: true });
    }
    callers = [await w.session('admin'), await w.session('enduser2'), await w.session('acmeuser'), await w.session('orguser')];
  }, LONG);
  afterAll(() => t.close());

  let planCache: { guid: string } | undefined;
  async function plan() {
    if (!planCache) {
      const res = await t.admin.get('/v3/service_plans');
      planCache = (res.body.resources as { guid: string }[])[0]!;
    }
    return planCache;
  }

  it('POST .../search sees the 120 instances as the admin, and those of each tenant as its users', async () => {
    const [admin, enduser2, acmeuser, orguser] = callers;
    const shared = (await search(admin!, { pageSize: -1 })).results.filter((r) => (r as { sharedUsers?: string[] }).sharedUsers?.length);
    expect(shared).toHaveLength(6);
    expect((await search(admin!, {})).totalRows).toBe(120);
    expect((await search(enduser2!, {})).totalRows).toBe(90);
    expect((await search(acmeuser!, {})).totalRows).toBe(30);
    expect((await search(orguser!, {})).totalRows).toBe(0);
  });

  it(
    'POST .../search without criteria, or with name/guid EQUALS, IN, NOT_EQUALS and NOT_IN, answers what the in-memory search answers, page by page',
    async () => {
      const all = (await search(callers[0]!, { pageSize: -1 })).results;
      const some = all.filter((_, i) => i % 11 === 0);
      const criteriaList: unknown[] = [
        select(everything),
        select(simple('name', 'EQUALS', 'web-000')),
        select(simple('name', 'EQUALS', 'Web-000')),
        select(simple('NAME', 'IN', 'web-000', 'Web-000', 'db-004', 'nothing')),
        select(simple('name', 'IN', ...some.map((r) => r.name)), simple('guid', 'IN', ...some.slice(0, 5).map((r) => r.guid), all[1]!.guid)),
        select(simple('guid', 'EQUALS', all[40]!.guid)),
        select(simple('name', 'IN', 'web-000', 'db-004'), simple('name', 'EQUALS', 'db-004')),
        select(simple('name', 'IN')),
        select(simple('name', 'NOT_EQUALS', 'web-000')),
        select(simple('name', 'NOT_IN', 'Web-000', 'db-004'), simple('guid', 'NOT_EQUALS', all[7]!.guid), simple('name', 'IN', ...some.map((r) => r.name))),
        select(simple('guid', 'NOT_IN', ...some.map((r) => r.guid)), simple('name', 'NOT_IN')),
      ];
      for (const caller of callers) {
        for (const criteria of criteriaList) {
          for (const page of PAGES) {
            for (const orderBy of [undefined, ['createdTime'], ['createdTime ASC']]) {
              const paged = await search(caller, { criteria, orderBy, ...page });
              const inMemory = await search(caller, { criteria: viaOr(criteria), orderBy, ...page });
              expect(withoutGuid(paged)).toEqual(withoutGuid(inMemory));
            }
          }
        }
        const plain = await search(caller, { pageSize: 50, pageNo: 1 });
        expect(withoutGuid(plain)).toEqual(withoutGuid(await search(caller, { criteria: viaOr(everything), pageSize: 50, pageNo: 1 })));
      }
    },
    LONG,
  );

  it('POST .../search with name EQUALS compares case-sensitively, IN narrows by AND, and visibility applies', async () => {
    const admin = callers[0]!;
    expect((await search(admin, { criteria: select(simple('name', 'EQUALS', 'web-000')) })).results.map((r) => r.name)).toEqual(['web-000']);
    expect((await search(admin, { criteria: select(simple('name', 'EQUALS', 'Web-000')) })).results.map((r) => r.name)).toEqual(['Web-000']);
    const both = await search(admin, { criteria: select(simple('name', 'IN', 'web-000', 'db-004'), simple('name', 'EQUALS', 'db-004')) });
    expect(both.results.map((r) => r.name)).toEqual(['db-004']);
    expect((await search(callers[2]!, { criteria: select(simple('name', 'EQUALS', 'web-000')) })).totalRows).toBe(0);
    expect((await search(callers[2]!, { criteria: select(simple('name', 'EQUALS', 'Web-000')) })).totalRows).toBe(1);
  });

  it(
    'POST .../search with LIKE, ownerName or orderBy "name DESC" pages the whole list filtered and ordered',
    async () => {
      for (const caller of callers) {
        const all = (await search(caller, { pageSize: -1 })).results;
        const cases: { s: Search; expected: Row[] }[] = [
          { s: { criteria: select(simple('name', 'LIKE', 'WEB-0_3')) }, expected: all.filter((r) => /^web-0.3$/i.test(r.name)) },
          { s: { criteria: select(simple('ownerName', 'EQUALS', 'enduser2')) }, expected: all.filter((r) => r.ownerName === 'enduser2') },
          { s: { orderBy: ['name DESC'] }, expected: [...all].sort((x, y) => -x.name.localeCompare(y.name)) },
          {
            s: { criteria: select(simple('ownerName', 'IN', 'enduser1', 'acmeuser'), simple('name', 'LIKE', '%0%')), orderBy: ['name DESC'] },
            expected: all.filter((r) => ['enduser1', 'acmeuser'].includes(r.ownerName ?? '') && r.name.includes('0')).sort((x, y) => -x.name.localeCompare(y.name)),
          },
        ];
        for (const { s, expected } of cases) {
          for (const page of PAGES) {
            const got = await search(caller, { ...s, ...page });
            const size = page.pageSize ?? -1;
            const no = page.pageNo ?? 0;
            expect(got.totalRows).toBe(expected.length);
            expect(got.results).toEqual(size === -1 ? expected : expected.slice(no * size, (no + 1) * size));
          }
        }
      }
    },
    LONG,
  );
});
