import { parseList } from '../listQuery';
import { parseBody } from '../parseBody';
import { presentOrganization } from '../presenters/presentDirectory';
import { presentList } from '../presenters/presentList';
import { accepted, actorOf, ok, param, type Add } from '../routes';
import { OrganizationCreateBody, OrganizationUpdateBody } from '../schemas';

const LIST = { keys: ['names', 'label_selector'], orderBy: ['name'] };

export function organizationRoutes(add: Add) {
  add('get', '/v3/organizations', async (req, { core, links }) => {
    const q = parseList(req.query, LIST);
    const page = await core.listOrganizations(actorOf(req), { guids: q.lists.guids, names: q.lists.names, createdAts: q.createdAts, updatedAts: q.updatedAts, labelSelector: q.labelSelector }, q.page);
    return ok(presentList(links, '/v3/organizations', q, page, presentOrganization(links)));
  });
  add('post', '/v3/organizations', async (req, { core, links }) => {
    const input = () => {
      const body = parseBody(OrganizationCreateBody, req.body);
      return { ...body, audit: body };
    };
    return ok(presentOrganization(links)(await core.createOrganization(actorOf(req), input)), 201);
  });
  add('get', '/v3/organizations/:guid', async (req, { core, links }) =>
    ok(presentOrganization(links)(await core.getOrganization(actorOf(req), param(req, 'guid')))),
  );
  add('patch', '/v3/organizations/:guid', async (req, { core, links }) => {
    const input = () => {
      const body = parseBody(OrganizationUpdateBody, req.body);
      return { ...body, audit: body };
    };
    return ok(presentOrganization(links)(await core.updateOrganization(actorOf(req), param(req, 'guid'), input)));
  });
  add('delete', '/v3/organizations/:guid', async (req, { core, links }) =>
    accepted(links, await core.deleteOrganization(actorOf(req), param(req, 'guid'))),
  );
}
