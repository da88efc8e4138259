import { badQuery } from '../../errorCatalogue';
import { parseList } from '../listQuery';
import { presentList } from '../presenters/presentList';
import { ok, type Add } from '../routes';

// sharegate runs no apps and no routes, and its built-in broker issues no keys: no instance has a credential
// binding (app or key) or a route binding, so both lists are empty once their query is valid.
const CREDENTIAL_BINDINGS = {
  keys: [
    'names',
    'service_instance_guids',
    'service_instance_names',
    'service_plan_names',
    'service_plan_guids',
    'service_offering_names',
    'service_offering_guids',
    'app_guids',
    'app_names',
    'include',
    'type',
    'label_selector',
  ],
  orderBy: ['name'],
  include: ['app', 'service_instance'],
};
const ROUTE_BINDINGS = { keys: ['service_instance_guids', 'service_instance_names', 'route_guids', 'include', 'label_selector'], include: ['route', 'service_instance'] };
const none = { total: 0, items: [] as never[] };

export function serviceBindingRoutes(add: Add) {
  add('get', '/v3/service_credential_bindings', async (req, { links }) => {
    const q = parseList(req.query, CREDENTIAL_BINDINGS);
    const type = q.values.type;
    if (type !== undefined && type !== 'app' && type !== 'key') throw badQuery("Type must be one of 'app', 'key'");
    return ok(presentList(links, '/v3/service_credential_bindings', q, none, () => ({}), included(['app', 'service_instance'], q.include)));
  });
  add('get', '/v3/service_route_bindings', async (req, { links }) => {
    const q = parseList(req.query, ROUTE_BINDINGS);
    return ok(presentList(links, '/v3/service_route_bindings', q, none, () => ({}), included(['service_instance', 'route'], q.include)));
  });
}

/** CC's include decorators, in its order, set each requested key: empty, as nothing matched. */
const included = (order: string[], include: string[]) => (include.length ? Object.fromEntries(order.filter((i) => include.includes(i)).map((i) => [`${i}s`, []])) : undefined);
