import type { RoleUserRef } from '../../../../src/core/commands/roles';
import { unprocessable } from '../../errorCatalogue';
import { parseList } from '../listQuery';
import { parseBody } from '../parseBody';
import { presentOrganization, presentRole, presentSpace, presentUser } from '../presenters/presentDirectory';
import { presentList } from '../presenters/presentList';
import type { RoleRow } from '../../../../src/core/store';
import { accepted, actorOf, ok, param, type Add, type V3Context } from '../routes';
import { ROLE_TYPES, type RoleType } from '../../../../src/core/roleTypes';
import { RoleCreateBody } from '../schemas';

const INCLUDES = ['user', 'space', 'organization'];
const LIST = { keys: ['types', 'organization_guids', 'space_guids', 'user_guids', 'include'], unprocessable: true, include: INCLUDES };
const SHOW = { keys: ['include'], unprocessable: true, unpaginated: true, include: INCLUDES };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const given = (v: unknown) => v !== undefined && v !== null;
const structured = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)} must be structured like this: "${name}: {"data": {"guid": "valid-guid"}}"`;
const TYPE_MESSAGE = `Type must be one of the allowed types ${JSON.stringify(ROLE_TYPES).replace(/","/g, '", "')}`;

/** Cloud Controller's RoleCreateMessage, with its messages in its order. */
function parseRoleCreate(body: unknown): { type: RoleType; user: RoleUserRef; resourceGuid: string } {
  if (!isObject(body)) return parseBody(RoleCreateBody, body) as never;
  const m: string[] = [];
  const extra = Object.keys(body).filter((k) => k !== 'type' && k !== 'relationships');
  if (extra.length) m.push(`Unknown field(s): ${extra.map((k) => `'${k}'`).join(', ')}`);
  const rel = body.relationships;
  const type = body.type;
  const onSpace = typeof type === 'string' && type.startsWith('space_');
  const onOrg = typeof type === 'string' && type.startsWith('organization_');
  if (!isObject(rel)) m.push("Relationships 'relationships' is not an object");
  else if (Object.keys(rel).length === 0) m.push("Relationships 'relationships' must include one or more valid relationships");
  else {
    const inner: string[] = [];
    const relExtra = Object.keys(rel).filter((k) => !['space', 'user', 'organization'].includes(k));
    if (relExtra.length) inner.push(`Unknown field(s): ${relExtra.map((k) => `'${k}'`).join(', ')}`);
    const userData = isObject(rel.user) ? rel.user.data : undefined;
    const has = (k: string) => isObject(userData) && k in userData;
    if (!given(rel.user)) inner.push("User can't be blank");
    let userErrors = false;
    const userError = (msg: string) => ((userErrors = true), inner.push(msg));
    if (has('guid') && has('username')) userError('Username cannot be specified when identifying user by guid');
    if (has('guid') && has('origin')) userError('User origin cannot be specified when identifying user by guid');
    if (!has('username') && has('origin')) userError('User origin cannot be specified without specifying the username');
    if (!has('username') && !has('guid')) userError('User must have a username or guid specified');
    const spaceData = isObject(rel.space) ? rel.space.data : undefined;
    const orgData = isObject(rel.organization) ? rel.organization.data : undefined;
    const before = inner.length;
    if (!given(spaceData) && !given(orgData)) inner.push('must specify either a space or an organization.');
    if (given(spaceData) && onOrg) inner.push(`Space cannot be provided with the organization role type: '${String(type)}'.`);
    if (given(orgData) && onSpace) inner.push(`Organization cannot be provided with the space role type: '${String(type)}'.`);
    if (given(spaceData) && given(orgData)) inner.push('cannot specify both an organization and a space.');
    if (inner.length === before) {
      const check = (name: 'space' | 'organization') => {
        const r = rel[name];
        if (!isObject(r) || !isObject(r.data) || Object.keys(r).length !== 1) inner.push(structured(name));
        else if (typeof r.data.guid !== 'string') inner.push(`${name === 'space' ? 'Space' : 'Organization'} guid must be a string`);
      };
      if (!given(rel.organization)) check('space');
      if (!given(rel.space)) check('organization');
    }
    if (!userErrors && has('guid') && typeof (userData as Json).guid !== 'string') inner.push('User guid must be a string');
    if (!userErrors && has('username') && typeof (userData as Json).username !== 'string') inner.push('Username must be a string');
    if (!userErrors && has('origin') && given((userData as Json).origin) && typeof (userData as Json).origin !== 'string') inner.push('User origin must be a string');
    m.push(...inner.map((x) => `Relationships ${x}`));
  }
  if (!(ROLE_TYPES as readonly unknown[]).includes(type)) m.push(TYPE_MESSAGE);
  if (m.length) throw unprocessable(m.join(', '));
  const r = rel as Json;
  const u = (r.user as Json).data as Json;
  const target = (onSpace ? r.space : r.organization) as { data: { guid: string } };
  const user: RoleUserRef = 'guid' in u ? { guid: u.guid as string } : { username: u.username as string, origin: (u.origin as string | null | undefined) ?? undefined };
  return { type: type as RoleType, user, resourceGuid: target.data.guid };
}

async function includedFor(core: V3Context['core'], links: V3Context['links'], roles: RoleRow[], include: string[]) {
  const related = await core.getRoleRelations(roles);
  const included: Record<string, unknown[]> = {};
  if (include.includes('user')) included.users = related.users.map(presentUser(links));
  if (include.includes('organization')) included.organizations = related.organizations.map(presentOrganization(links));
  if (include.includes('space')) included.spaces = related.spaces.map(presentSpace(links));
  return included;
}

export function roleRoutes(add: Add) {
  add('get', '/v3/roles', async (req, { core, links }) => {
    const q = parseList(req.query, LIST);
    const include = q.include;
    const filter = {
      guids: q.lists.guids,
      types: q.lists.types,
      organizationGuids: q.lists.organization_guids,
      spaceGuids: q.lists.space_guids,
      userGuids: q.lists.user_guids,
      createdAts: q.createdAts,
      updatedAts: q.updatedAts,
    };
    const page = await core.listRoles(actorOf(req), filter, q.page);
    const included = include.length ? await includedFor(core, links, page.items, include) : undefined;
    return ok(presentList(links, '/v3/roles', q, page, presentRole(links), included));
  });
  add('post', '/v3/roles', async (req, { core, links }) => {
    const input = () => ({ ...parseRoleCreate(req.body), audit: req.body as Record<string, unknown> });
    const role = await core.createRole(actorOf(req), input);
    return ok(presentRole(links)(role), 201);
  });
  add('get', '/v3/roles/:guid', async (req, { core, links }) => {
    const include = parseList(req.query, SHOW).include;
    const role = await core.requireRole(actorOf(req), param(req, 'guid'));
    const body: Record<string, unknown> = presentRole(links)(role);
    if (include.length) body.included = await includedFor(core, links, [role], include);
    return ok(body);
  });
  add('delete', '/v3/roles/:guid', async (req, { core, links }) => accepted(links, await core.deleteRole(actorOf(req), param(req, 'guid'))));
}
