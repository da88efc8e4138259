// useGateway(): one gateway per file or describe block, started before the block's own hooks and closed after it.
import type { Store } from '../../src/core/store';
import { useGateway, type UsedGateway } from './testGateway';

const t = useGateway();
let seenByMyHook: number | undefined;
beforeAll(() => {
  seenByMyHook = t.gateway.core.catalog.offerings.length;
});

describe('useGateway()', () => {
  it('has started the gateway before the hooks registered after it', async () => {
    expect(seenByMyHook).toBeGreaterThan(0);
    expect((await t.admin.get('/v3/organizations')).status).toBe(200);
    expect((await t.anonymous.get('/v3/organizations')).status).toBe(401);
    expect((await (await t.as('someone')).get('/v3/organizations')).status).toBe(200);
  });

  describe('a second one in a describe block', () => {
    const inner = useGateway();
    let early: unknown;
    try {
      void inner.admin;
    } catch (e) {
      early = e;
    }

    it('is another gateway, and its handle refuses use before it has started', async () => {
      expect(inner.gateway).not.toBe(t.gateway);
      expect(String(early)).toContain('beforeAll');
      const org = await inner.admin.post('/v3/organizations', { name: 'only-in-inner' });
      expect(org.status).toBe(201);
      expect((await t.admin.get(`/v3/organizations/${org.body.guid}`)).status).toBe(404);
    });
  });

  describe('with wrapStore', () => {
    let transactions = 0;
    const counting = (store: Store): Store => ({
      ...store,
      transaction: (work) => {
        transactions++;
        return store.transaction(work);
      },
    });
    const wrapped = useGateway({}, { wrapStore: counting });

    it('gives the core the wrapped store', async () => {
      expect((await wrapped.admin.post('/v3/organizations', { name: 'through-the-wrapper' })).status).toBe(201);
      expect(transactions).toBeGreaterThan(0);
    });
  });

  describe('after its block', () => {
    let closed: UsedGateway;
    describe('a block with its own gateway', () => {
      closed = useGateway();
      it('uses it', async () => {
        expect((await closed.admin.get('/v3/organizations')).status).toBe(200);
      });
    });
    it('has closed it: the handle refuses use', () => {
      expect(() => closed.admin).toThrow('beforeAll');
    });
  });
});
