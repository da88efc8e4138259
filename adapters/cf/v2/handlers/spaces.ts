// /v2/spaces: list, read, create, rename, delete, and the role holders of a space (SpacesController).
import type { Request } from 'express';
import { CfError } from '../../errorCatalogue';
import { presentPage } from '../envelope';
import { parseV2List, pageRequest } from '../listParams';
import { bodyObject, parseMessage } from '../parseBody';
import { membersOf, SPACE_LIST, SPACE_ROLE_FIELDS, SpaceCreateMessage, SpaceUpdateMessage, USER_LIST } from '../peopleSchemas';
import { presentMember, presentMemberUser, presentSpace, spaceUrl } from '../presenters/presentPeople';
import { actorOf, ok, param, type Add, type V2Context } from '../routes';
import { deleteOptions, deletionReply } from './organizations';
import { spaceSearch, userHoldings } from './peopleQueries';

function checkedName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const trimmed = name.trim();
  if (trimmed === '') throw new CfError('SpaceInvalid', 'name presence');
  if (trimmed.length > 255) throw new CfError('SpaceInvalid', 'name max_length');
  return trimmed;
}

const memberList =
  (segment: string, role: string | readonly string[]) =>
  async (req: Request, { core }: V2Context) => {
    const guid = param(req, 'guid');
    const l = parseV2List(req.query, USER_LIST);
    const page = await core.listMembers(actorOf(req), { resourceType: 'space', resourceGuid: guid, role, alsoHolding: userHoldings(l.filters) }, pageRequest(l));
    return ok(presentPage(`${spaceUrl(guid)}/${segment}`, l, page, typeof role !== 'string' ? presentMember('space') : presentMemberUser));
  };

export function spaceRoutes(add: Add): void {
  add('get', '/v2/spaces', async (req, { core }) => {
    const l = parseV2List(req.query, SPACE_LIST);
    return ok(presentPage('/v2/spaces', l, await core.searchSpaces(actorOf(req), spaceSearch(l.filters), pageRequest(l)), presentSpace));
  });
  add('post', '/v2/spaces', async (req, { core }) => {
    const space = await core.createSpace(actorOf(req), () => {
      const body = bodyObject(req);
      const m = parseMessage(SpaceCreateMessage, body);
      return { name: checkedName(m.name)!, organizationGuid: m.organization_guid!, members: membersOf(m, SPACE_ROLE_FIELDS), audit: body };
    });
    return ok(presentSpace(space), 201, { Location: spaceUrl(space.guid) });
  });
  add('get', '/v2/spaces/:guid', async (req, { core }) => ok(presentSpace(await core.spaceForMembers(actorOf(req), param(req, 'guid')))));
  add('put', '/v2/spaces/:guid', async (req, { core }) => {
    const space = await core.updateSpace(actorOf(req), param(req, 'guid'), () => {
      const body = bodyObject(req);
      const m = parseMessage(SpaceUpdateMessage, body);
      const members = membersOf(m, SPACE_ROLE_FIELDS);
      return { name: checkedName(m.name), audit: body, members: members.length ? members : undefined };
    });
    return ok(presentSpace(space), 201);
  });
  add('delete', '/v2/spaces/:guid', async (req, { core }) => deletionReply(await core.deleteSpace(actorOf(req), param(req, 'guid'), deleteOptions(req))));

  for (const [segment, role] of [
    ['managers', 'manager'],
    ['developers', 'developer'],
    ['auditors', 'auditor'],
  ] as const) {
    add('get', `/v2/spaces/:guid/${segment}`, memberList(segment, role));
  }
  // CC's SpaceUserRolesFetcher: developers, managers and auditors (a v3-only supporter is not listed)
  add('get', '/v2/spaces/:guid/user_roles', memberList('user_roles', ['developer', 'manager', 'auditor']));
  // relations of things sharegate does not have (apps, routes, domains, security groups): a readable space has none
  for (const segment of ['apps', 'routes', 'domains', 'security_groups', 'staging_security_groups', 'app_events']) {
    add('get', `/v2/spaces/:guid/${segment}`, async (req, { core }) => {
      const guid = param(req, 'guid');
      const l = parseV2List(req.query, { q: [] });
      await core.spaceForMembers(actorOf(req), guid);
      return ok(presentPage(`${spaceUrl(guid)}/${segment}`, l, { total: 0, items: [] }, (x: never) => x));
    });
  }
}
