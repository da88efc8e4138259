import type { CreateUserInput } from '../../../../src/core/commands/users';
import type { UserFilter } from '../../../../src/core/store';
import { type CfError, unprocessable } from '../../errorCatalogue';
import { parseList, type ListSpec, type ParsedList } from '../listQuery';
import { parseBody } from '../parseBody';
import { presentUser } from '../presenters/presentDirectory';
import { presentList } from '../presenters/presentList';
import { accepted, actorOf, ok, param, type Add } from '../routes';
import { UserCreateBody, UserUpdateBody } from '../schemas';

const KEYS = ['usernames', 'partial_usernames', 'origins', 'label_selector'];
const LIST = { keys: KEYS, unprocessable: true };
/** GET /v3/organizations/:guid/users and /v3/spaces/:guid/users answer the same message's errors with 400. */
export const MEMBERS: ListSpec = { keys: KEYS };

/** CC's UsersListMessage rules beyond the parameter names; `fail` is 422 for /v3/users, 400 for the member lists. */
export function userFilter(q: ParsedList, fail: (detail: string) => CfError): UserFilter {
  const l = q.lists;
  if (l.origins && !l.usernames && !l.partial_usernames) throw fail('Origins filter cannot be provided without usernames or partial_usernames filter.');
  if (l.usernames && l.partial_usernames) throw fail('Usernames filter cannot be provided with both usernames and partial_usernames filter.');
  return {
    guids: l.guids,
    usernames: l.usernames,
    partialUsernames: l.partial_usernames,
    origins: l.origins,
    createdAts: q.createdAts,
    updatedAts: q.updatedAts,
    labelSelector: q.labelSelector,
  };
}

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
    return ok(presentList(links, '/v3/users', q, await core.listUsers(actorOf(req), userFilter(q, unprocessable), q.page), presentUser(links)));
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
