import type { RoleUserRef } from '../../../../src/core/commands/roles';
import { unprocessable } from '../../errorCatalogue';
import { parseList } from '../listQuery';
import { parseBody } from '../parseBody';
import { presentOrganization, presentRole, presentSpace, presentUser } from '../presenters/presentDirectory';
import { presentList } from '../presenters/presentList';
import { accepted, actorOf, ok, param, type Add } from '../routes';
import { RoleCreateBody, roleOverrides } from '../schemas';

const LIST = { keys: ['types', 'organization_guids', 'space_guids', 'user_guids', 'include'], unprocessable: true };
const INCLUDES = ['user', 'space', 'organization'];

export function roleRoutes(add: Add) {
  add('get', '/v3/roles', async (req, { core, links }) => {
    const q = parseList(req.query, LIST);
    const include = q.lists.include ?? [];
    const bad = include.filter((i) => !INCLUDES.includes(i));
    if (bad.length) throw unprocessable(`Invalid included resource: '${bad.join(', ')}'. Valid included resources are: 'user', 'space', 'organization'`);
    const filter = { guids: q.lists.guids, types: q.lists.types, organizationGuids: q.lists.organization_guids, spaceGuids: q.lists.space_guids, userGuids: q.lists.user_guids, createdAts: q.createdAts, updatedAts: q.updatedAts };
    const actor = actorOf(req);
    const page = await core.listRoles(actor, filter, q.page);
    let included: Record<string, unknown[]> | undefined;
    if (include.length) {
      included = {};
      const uniq = (xs: string[]) => [...new Set(xs)];
      if (include.includes('user')) {
        const users = await Promise.all(uniq(page.items.map((r) => r.userGuid)).map((g) => core.deps.store.getUser(g)));
        included.users = users.filter((u) => u !== undefined).map(presentUser(links));
      }
      if (include.includes('space')) {
        const guids = uniq(page.items.filter((r) => r.resourceType === 'space').map((r) => r.resourceGuid));
        included.spaces = (await core.deps.store.getSpaces(guids)).map(presentSpace(links));
      }
      if (include.includes('organization')) {
        const guids = uniq(page.items.filter((r) => r.resourceType === 'organization').map((r) => r.resourceGuid));
        const orgs = await Promise.all(guids.map((g) => core.deps.store.getOrganization(g)));
        included.organizations = orgs.filter((o) => o !== undefined).map(presentOrganization(links));
      }
    }
    return ok(presentList(links, '/v3/roles', q, page, presentRole(links), included));
  });
  add('post', '/v3/roles', async (req, { core, links }) => {
    const body = parseBody(RoleCreateBody, req.body, roleOverrides);
    const { user, space, organization } = body.relationships;
    const onSpace = body.type.startsWith('space_');
    const target = onSpace ? space : organization;
    if (!target) throw unprocessable(onSpace ? 'Relationships Space must be provided' : 'Relationships Organization must be provided');
    if ((onSpace && organization) || (!onSpace && space)) throw unprocessable(`Relationships cannot contain both an organization and a space`);
    let ref: RoleUserRef;
    if (user.data.guid !== undefined) ref = { guid: user.data.guid };
    else if (user.data.username !== undefined) ref = { username: user.data.username, origin: user.data.origin };
    else throw unprocessable('Relationships User guid or username must be provided');
    const role = await core.createRole(actorOf(req), { type: body.type, user: ref, resourceGuid: target.data.guid, request: req.body as Record<string, unknown> });
    return ok(presentRole(links)(role), 201);
  });
  add('get', '/v3/roles/:guid', async (req, { core, links }) => ok(presentRole(links)(await core.requireRole(actorOf(req), param(req, 'guid')))));
  add('delete', '/v3/roles/:guid', async (req, { core, links }) => accepted(links, await core.deleteRole(actorOf(req), param(req, 'guid'))));
}
