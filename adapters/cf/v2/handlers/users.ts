// /v2/users: the index (admins), one user (themselves or admins), registering a UAA account (cf create-user), and
// a user's organizations and spaces by role, read and changed from the user's side (UsersController).
import { presentPage } from '../envelope';
import { parseV2List, pageRequest } from '../listParams';
import { bodyObject, parseMessage } from '../parseBody';
import { ORGANIZATION_LIST, SPACE_LIST, USER_LIST, UserCreateMessage } from '../peopleSchemas';
import { presentOrganization, presentSpace, presentUser, userUrl } from '../presenters/presentPeople';
import { actorOf, noContent, ok, param, type Add } from '../routes';
import { deletionReply } from './organizations';
import { USER_RELATIONS, userHoldings, type UserRelation } from './peopleQueries';

export function userRoutes(add: Add): void {
  add('get', '/v2/users', async (req, { core }) => {
    const l = parseV2List(req.query, USER_LIST);
    return ok(presentPage('/v2/users', l, await core.listAllUsers(actorOf(req), userHoldings(l.filters), pageRequest(l)), (u) => presentUser(u)));
  });
  add('post', '/v2/users', async (req, { core }) => {
    const user = await core.createUser(actorOf(req), () => {
      const body = bodyObject(req);
      return { guid: parseMessage(UserCreateMessage, body).guid, audit: body };
    });
    return ok(presentUser(user), 201, { Location: userUrl(user.guid) });
  });
  add('get', '/v2/users/:guid', async (req, { core }) => ok(presentUser(await core.userForRelations(actorOf(req), param(req, 'guid')))));
  // the user leaves the API with all their roles; the account stays for UAA (SCIM) to delete, as cf delete-user does next
  add('delete', '/v2/users/:guid', async (req, { core }) => deletionReply(await core.unregisterUser(actorOf(req), param(req, 'guid'), { wait: req.query.async !== 'true' })));

  for (const [relation, held] of Object.entries(USER_RELATIONS) as [UserRelation, (typeof USER_RELATIONS)[UserRelation]][]) {
    const { resourceType, role } = held;
    add('get', `/v2/users/:guid/${relation}`, async (req, { core }) => {
      const guid = param(req, 'guid');
      const l = parseV2List(req.query, resourceType === 'space' ? SPACE_LIST : ORGANIZATION_LIST);
      const path = `${userUrl(guid)}/${relation}`;
      const found = await core.listUserRelation(actorOf(req), guid, held, pageRequest(l));
      return ok(found.type === 'space' ? presentPage(path, l, found.page, presentSpace) : presentPage(path, l, found.page, presentOrganization));
    });
    // changing a user's roles from the user's side is for admins
    add('put', `/v2/users/:guid/${relation}/:other`, async (req, { core }) =>
      ok(presentUser(await core.addUserRelation(actorOf(req), param(req, 'guid'), held, param(req, 'other'))), 201),
    );
    add('delete', `/v2/users/:guid/${relation}/:other`, async (req, { core }) => {
      await core.removeMemberRole(actorOf(req), { resourceType, resourceGuid: param(req, 'other'), role, user: { guid: param(req, 'guid') }, audit: {} });
      return noContent();
    });
  }
}
