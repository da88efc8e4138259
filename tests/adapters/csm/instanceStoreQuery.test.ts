// Which ServiceOfferingInstance searches go to the store as one paged query, and the filter and page they become.
import { instanceStoreQuery } from '../../../adapters/csm/instanceStoreQuery';
import { INSTANCE_SEARCH_ATTRIBUTES } from '../../../adapters/csm/operations';

const simple = (references: string, operator: string, ...values: string[]) => ({
  cloudClass: 'com.bmc.cloud.model.beans.QuerySimpleCondition',
  operator,
  children: [
    { cloudClass: 'com.bmc.cloud.model.beans.QueryPropertyReference', references: [references] },
    { cloudClass: 'com.bmc.cloud.model.beans.QueryLiteral', values },
  ],
});
const select = (...children: unknown[]) => ({ cloudClass: 'com.bmc.cloud.model.beans.QuerySelect', children });
const query = (p: Parameters<typeof instanceStoreQuery>[0]) => instanceStoreQuery(p, INSTANCE_SEARCH_ATTRIBUTES);
const oldestFirst = { field: 'created_at', direction: 'asc' };

describe('CSM ServiceOfferingInstance search as a store query', () => {
  it('no criteria: every instance, oldest first, one page of pageSize at pageNo (pageSize -1: all)', () => {
    expect(query({})).toEqual({ filter: {}, page: { page: 1, perPage: 1_000_000_000, orderBy: oldestFirst } });
    expect(query({ pageSize: 50, pageNo: 2 })).toEqual({ filter: {}, page: { page: 3, perPage: 50, orderBy: oldestFirst } });
    expect(query({ pageSize: 50, orderBy: ['createdTime', 'CREATEDTIME asc'] })?.page).toEqual({ page: 1, perPage: 50, orderBy: oldestFirst });
  });

  it('name and guid EQUALS / IN under AND become names and guids, narrowed by each further condition', () => {
    expect(query({ criteria: select(simple('name', 'EQUALS', 'a')) })?.filter).toEqual({ names: ['a'] });
    expect(query({ criteria: select(simple('Name', 'IN', 'a', 'b', 'a'), simple('name', 'EQUALS', 'b'), simple('GUID', 'IN', 'g1', 'g2')) })?.filter).toEqual({
      names: ['b'],
      guids: ['g1', 'g2'],
    });
    expect(query({ criteria: { operator: 'AND', children: [select(simple('guid', 'EQUALS', 'g')), { operator: 'AND', children: [] }] } })?.filter).toEqual({ guids: ['g'] });
  });

  it('name and guid NOT_EQUALS / NOT_IN become excludedNames and excludedGuids, gathered over the conditions', () => {
    expect(
      query({ criteria: select(simple('name', 'NOT_EQUALS', 'a'), simple('name', 'NOT_IN', 'b', 'c'), simple('guid', 'NOT_IN', 'g1'), simple('name', 'IN', 'a', 'd')) })?.filter,
    ).toEqual({ excludedNames: ['a', 'b', 'c'], excludedGuids: ['g1'], names: ['a', 'd'] });
  });

  it('LIKE, NOT_LIKE, other attributes, OR / NOT, another order or a page the in-memory search refuses stay in memory', () => {
    expect(query({ criteria: select(simple('name', 'LIKE', 'a%')) })).toBeUndefined();
    expect(query({ criteria: select(simple('name', 'NOT_LIKE', 'a%')) })).toBeUndefined();
    expect(query({ criteria: select(simple('ownerName', 'EQUALS', 'u')) })).toBeUndefined();
    expect(query({ criteria: { operator: 'OR', children: [simple('name', 'EQUALS', 'a')] } })).toBeUndefined();
    expect(query({ criteria: { operator: 'NOT', children: [simple('name', 'EQUALS', 'a')] } })).toBeUndefined();
    expect(query({ orderBy: ['name'] })).toBeUndefined();
    expect(query({ orderBy: ['createdTime DESC'] })).toBeUndefined();
    expect(query({ pageSize: 0 })).toBeUndefined();
    expect(query({ pageNo: -1 })).toBeUndefined();
  });

  it('criteria it cannot read raise the in-memory search own error', () => {
    expect(() => query({ criteria: select(simple('password', 'EQUALS', 'x')) })).toThrow(expect.objectContaining({ code: 'csm.criteria' }));
  });
});
