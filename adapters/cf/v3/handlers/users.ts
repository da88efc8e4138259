import type { CreateUserInput } from '../../../../src/core/commands/users';
import { unprocessable } from '../../errorCatalogue';
import { parseList } from '../listQuery';
import { parseBody } from '../parseBody';
import { presentUser } from '../presenters/presentDirectory';
import { presentList } from '../presenters/presentList';
import { accepted, actorOf, ok, param, type Add } from '../routes';
import { UserCreateBody, UserUpdateBody } from '../schemas';

const LIST = { keys: ['usernames', 'partial_usernames', 'origins', 'label_selector'], unprocessable: true };

const given = (v: unknown) => v !== undefined && v !== null;

/** Cloud Controller's UserCreateMessage: a guid, or a username with an origin other than uaa. */
function parseUserCreate(body: unknown): CreateUserInput {
  const b = parseBody(UserCreateBody, body);
  const m: string[] = [];
  if (given(b.guid)) {
    if (typeof b.guid !== 'string') m.push('Guid must be a string');
    if (typeof b.guid !== 'string' || b.guid.length < 1 || b.guid.length > 200) m.push('Guid must be between 1 and 200 characters');
  }
  if (given(b.origin) && typeof b.origin !== 'string') m.push('Origin must be a string');
  if (given(b.username) && typeof b.username !== 'string') m.push('Username must be a string');
  if (given(b.guid)) {
    if (given(b.username)) m.push("Username cannot be provided with 'guid'");
    if (given(b.origin)) m.push("Origin cannot be provided with 'guid'");
  } else if (given(b.username) || given(b.origin)) {
    if (!given(b.username)) m.push("Origin can only be provided together with 'username'");
    if (!given(b.origin)) m.push("Username can only be provided together with 'origin'");
    if (b.origin === 'uaa') m.push("Origin cannot be 'uaa' when creating a user by username");
  } else m.push("Guid or 'username' and 'origin' must be provided");
  if (m.length) throw unprocessable(m.join(', '));
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const input = { guid: str(b.guid), username: str(b.username), origin: str(b.origin), metadata: b.metadata };
  return { ...input, audit: input };
}

export function userRoutes(add: Add) {
  add('get', '/v3/users', async (req, { core, links }) => {
    const q = parseList(req.query, LIST);
    const l = q.lists;
    if (l.origins && !l.usernames && !l.partial_usernames) throw unprocessable('Origins filter cannot be provided without usernames or partial_usernames filter.');
    if (l.usernames && l.partial_usernames) throw unprocessable('Usernames filter cannot be provided with both usernames and partial_usernames filter.');
    const filter = { guids: q.lists.guids, usernames: q.lists.usernames, partialUsernames: q.lists.partial_usernames, origins: q.lists.origins, createdAts: q.createdAts, updatedAts: q.updatedAts, labelSelector: q.labelSelector };
    return ok(presentList(links, '/v3/users', q, await core.listUsers(actorOf(req), filter, q.page), presentUser(links)));
  });
  add('post', '/v3/users', async (req, { core, links }) => {
    return ok(presentUser(links)(await core.createUser(actorOf(req), () => parseUserCreate(req.body))), 201);
  });
  add('get', '/v3/users/:guid', async (req, { core, links }) => ok(presentUser(links)(await core.getUser(actorOf(req), param(req, 'guid')))));
  add('patch', '/v3/users/:guid', async (req, { core, links }) => {
    const metadata = () => parseBody(UserUpdateBody, req.body).metadata;
    return ok(presentUser(links)(await core.updateUserMetadata(actorOf(req), param(req, 'guid'), metadata)));
  });
  add('delete', '/v3/users/:guid', async (req, { core, links }) => accepted(links, await core.deleteUser(actorOf(req), param(req, 'guid'))));
}
