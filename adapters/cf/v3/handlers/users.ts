import { parseList } from '../listQuery';
import { parseBody } from '../parseBody';
import { presentUser } from '../presenters/presentDirectory';
import { presentList } from '../presenters/presentList';
import { accepted, actorOf, ok, param, type Add } from '../routes';
import { UserCreateBody, UserUpdateBody } from '../schemas';

const LIST = { keys: ['usernames', 'partial_usernames', 'origins', 'label_selector'], unprocessable: true };

export function userRoutes(add: Add) {
  add('get', '/v3/users', async (req, { core, links }) => {
    const q = parseList(req.query, LIST);
    const filter = { guids: q.lists.guids, usernames: q.lists.usernames, partialUsernames: q.lists.partial_usernames, origins: q.lists.origins, createdAts: q.createdAts, updatedAts: q.updatedAts, labelSelector: q.labelSelector };
    return ok(presentList(links, '/v3/users', q, await core.listUsers(actorOf(req), filter, q.page), presentUser(links)));
  });
  add('post', '/v3/users', async (req, { core, links }) => {
    const body = parseBody(UserCreateBody, req.body);
    return ok(presentUser(links)(await core.createUser(actorOf(req), body)), 201);
  });
  add('get', '/v3/users/:guid', async (req, { core, links }) => ok(presentUser(links)(await core.getUser(actorOf(req), param(req, 'guid')))));
  add('patch', '/v3/users/:guid', async (req, { core, links }) => {
    await core.getUser(actorOf(req), param(req, 'guid'));
    const body = parseBody(UserUpdateBody, req.body);
    return ok(presentUser(links)(await core.updateUserMetadata(actorOf(req), param(req, 'guid'), body.metadata)));
  });
  add('delete', '/v3/users/:guid', async (req, { core, links }) => accepted(links, await core.deleteUser(actorOf(req), param(req, 'guid'))));
}
