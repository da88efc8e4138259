import type { Actor } from '../../../../src/core/actor';
import type { Space } from '../../../../src/core/records';
import { parseList } from '../listQuery';
import { parseBody } from '../parseBody';
import { byCreation, presentOrganization, presentSpace, presentSpaceFeature, presentUser } from '../presenters/presentDirectory';
import { presentList } from '../presenters/presentList';
import { accepted, actorOf, ok, param, type Add, type V3Context } from '../routes';
import { SpaceCreateBody, SpaceUpdateBody, spaceOverrides } from '../schemas';
import { badQuery, CfError } from '../../errorCatalogue';
import { MEMBERS, userFilter } from './users';

const INCLUDE = ['org', 'organization'];
const LIST = { keys: ['names', 'organization_guids', 'include', 'label_selector'], orderBy: ['name'], include: INCLUDE };
const SHOW = { keys: ['include'], unpaginated: true, include: INCLUDE };
/** CC serves one space feature, ssh; sharegate runs no apps, so there is nothing to ssh into. */
const FEATURES = ['ssh'];

/** CC's IncludeSpaceOrganizationDecorator: the spaces' organizations, by (created_at, guid). */
async function includedOrganizations({ core, links }: V3Context, actor: Actor, spaces: Space[]) {
  const guids = [...new Set(spaces.map((s) => s.organizationGuid))];
  const orgs = guids.length ? (await core.listOrganizations(actor, { guids }, { page: 1, perPage: guids.length })).items : [];
  return { organizations: byCreation(orgs).map(presentOrganization(links)) };
}

export function spaceRoutes(add: Add) {
  add('get', '/v3/spaces', async (req, ctx) => {
    const { core, links } = ctx;
    const q = parseList(req.query, LIST);
    const filter = {
      guids: q.lists.guids,
      names: q.lists.names,
      organizationGuids: q.lists.organization_guids,
      createdAts: q.createdAts,
      updatedAts: q.updatedAts,
      labelSelector: q.labelSelector,
    };
    const page = await core.listSpaces(actorOf(req), filter, q.page);
    const included = q.include.length ? await includedOrganizations(ctx, actorOf(req), page.items) : undefined;
    return ok(presentList(links, '/v3/spaces', q, page, presentSpace(links), included));
  });
  add('post', '/v3/spaces', async (req, { core, links }) => {
    const space = await core.createSpace(actorOf(req), () => {
      const body = parseBody(SpaceCreateBody, req.body, spaceOverrides);
      return { name: body.name, organizationGuid: body.relationships.organization.data.guid, metadata: body.metadata, audit: req.body as Record<string, unknown> };
    });
    return ok(presentSpace(links)(space), 201);
  });
  add('get', '/v3/spaces/:guid', async (req, ctx) => {
    const { core, links } = ctx;
    const space = await core.getSpace(actorOf(req), param(req, 'guid'));
    // CC looks the space up before it validates the query
    const q = parseList(req.query, SHOW);
    const body: Record<string, unknown> = presentSpace(links)(space);
    if (q.include.length) body.included = await includedOrganizations(ctx, actorOf(req), [space]);
    return ok(body);
  });
  add('patch', '/v3/spaces/:guid', async (req, { core, links }) => {
    const input = () => {
      const body = parseBody(SpaceUpdateBody, req.body);
      return { ...body, audit: body };
    };
    return ok(presentSpace(links)(await core.updateSpace(actorOf(req), param(req, 'guid'), input)));
  });
  add('delete', '/v3/spaces/:guid', async (req, { core, links }) => accepted(links, await core.deleteSpace(actorOf(req), param(req, 'guid'))));
  add('get', '/v3/spaces/:guid/users', async (req, { core, links }) => {
    // CC validates the query before it looks the space up
    const q = parseList(req.query, MEMBERS);
    const filter = userFilter(q, badQuery);
    const guid = param(req, 'guid');
    return ok(presentList(links, `/v3/spaces/${guid}/users`, q, await core.listSpaceUsers(actorOf(req), guid, filter, q.page), presentUser(links)));
  });
  add('get', '/v3/spaces/:guid/features', async (req, { core }) => {
    await core.getSpace(actorOf(req), param(req, 'guid'));
    return ok({ resources: FEATURES.map(presentSpaceFeature) });
  });
  add('get', '/v3/spaces/:guid/features/:name', async (req, { core }) => {
    await core.getSpace(actorOf(req), param(req, 'guid'));
    const name = param(req, 'name');
    if (!FEATURES.includes(name)) throw new CfError('ResourceNotFound', 'Feature not found');
    return ok(presentSpaceFeature(name));
  });
}
