import { parseList } from '../listQuery';
import { parseBody } from '../parseBody';
import { presentSpace } from '../presenters/presentDirectory';
import { presentList } from '../presenters/presentList';
import { accepted, actorOf, ok, param, type Add } from '../routes';
import { SpaceCreateBody, SpaceUpdateBody, spaceOverrides } from '../schemas';

const LIST = { keys: ['names', 'organization_guids', 'label_selector'], orderBy: ['name'] };

export function spaceRoutes(add: Add) {
  add('get', '/v3/spaces', async (req, { core, links }) => {
    const q = parseList(req.query, LIST);
    const filter = { guids: q.lists.guids, names: q.lists.names, organizationGuids: q.lists.organization_guids, createdAts: q.createdAts, updatedAts: q.updatedAts, labelSelector: q.labelSelector };
    return ok(presentList(links, '/v3/spaces', q, await core.listSpaces(actorOf(req), filter, q.page), presentSpace(links)));
  });
  add('post', '/v3/spaces', async (req, { core, links }) => {
    const space = await core.createSpace(actorOf(req), () => {
      const body = parseBody(SpaceCreateBody, req.body, spaceOverrides);
      return { name: body.name, organizationGuid: body.relationships.organization.data.guid, metadata: body.metadata, audit: req.body as Record<string, unknown> };
    });
    return ok(presentSpace(links)(space), 201);
  });
  add('get', '/v3/spaces/:guid', async (req, { core, links }) => ok(presentSpace(links)(await core.getSpace(actorOf(req), param(req, 'guid')))));
  add('patch', '/v3/spaces/:guid', async (req, { core, links }) => {
    const input = () => {
      const body = parseBody(SpaceUpdateBody, req.body);
      return { ...body, audit: body };
    };
    return ok(presentSpace(links)(await core.updateSpace(actorOf(req), param(req, 'guid'), input)));
  });
  add('delete', '/v3/spaces/:guid', async (req, { core, links }) => accepted(links, await core.deleteSpace(actorOf(req), param(req, 'guid'))));
}
