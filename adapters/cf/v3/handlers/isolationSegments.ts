import { parseList } from '../listQuery';
import { presentList } from '../presenters/presentList';
import { actorOf, ok, param, type Add } from '../routes';

// Isolation segments place apps on dedicated cells; sharegate runs no apps, so it has none: the list is empty and no
// organization has a default one (the answers CC gives for an organization that is entitled to none).
const LIST = { keys: ['names', 'organization_guids', 'label_selector'], orderBy: ['name'] };

export function isolationSegmentRoutes(add: Add) {
  add('get', '/v3/isolation_segments', async (req, { links }) => {
    const q = parseList(req.query, LIST);
    return ok(presentList(links, '/v3/isolation_segments', q, { total: 0, items: [] }, () => ({})));
  });
  add('get', '/v3/organizations/:guid/relationships/default_isolation_segment', async (req, { core, links }) => {
    const org = await core.getOrganization(actorOf(req), param(req, 'guid'));
    // CC's ToOneRelationshipPresenter: no related link when there is no related record
    return ok({ data: null, links: { self: links.href(`/v3/organizations/${org.guid}/relationships/default_isolation_segment`) } });
  });
}
