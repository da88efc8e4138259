// Granting and revoking organization and space roles one user at a time (OrganizationsController and
// SpacesController add_<role>_by_user_id / _by_username, remove_<role>_by_user_id / _by_username).
import type { Request } from 'express';
import type { MemberRef, MemberResource, MemberResourceType, UsernameRef } from '../../../../src/core/commands/memberRoles';
import { CfError } from '../../errorCatalogue';
import { bodyObject } from '../parseBody';
import { presentOrganization, presentSpace } from '../presenters/presentPeople';
import { actorOf, noContent, ok, param, type Add, type V2Context } from '../routes';

/** The v2 path segment of each role, and the core role it names. */
const ORG_ROLES: Record<string, string> = { users: 'user', managers: 'manager', auditors: 'auditor', billing_managers: 'billing_manager' };
const SPACE_ROLES: Record<string, string> = { managers: 'manager', developers: 'developer', auditors: 'auditor' };

const present = (r: MemberResource) => (r.type === 'space' ? presentSpace(r.space) : presentOrganization(r.organization));

/** `{"username": ..., "origin"?: ...}`; a body that is not a JSON object (none at all included) is CC's "invalid request body". */
function byUsername(req: Request): UsernameRef {
  let body: Record<string, unknown>;
  try {
    body = bodyObject(req);
  } catch (e) {
    if (e instanceof CfError && e.arg === 'Decoded JSON cannot be nil') throw new CfError('MessageParseError', 'invalid request body');
    throw e;
  }
  const text = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  const origin = text(body.origin);
  return origin === '' ? { username: text(body.username) } : { username: text(body.username), origin };
}

const recursive = (req: Request) => req.query.recursive === 'true';

type Core = V2Context['core'];

function register(add: Add, type: MemberResourceType, collection: string, roles: Record<string, string>) {
  for (const [segment, role] of Object.entries(roles)) {
    const base = `/v2/${collection}/:guid/${segment}`;
    const input = (req: Request, user: MemberRef) => ({
      resourceType: type,
      resourceGuid: param(req, 'guid'),
      role,
      user,
      audit: (req.body as Record<string, unknown> | undefined) ?? {},
    });
    const grant = async (req: Request, core: Core, user: MemberRef) => ok(present(await core.addMemberRole(actorOf(req), input(req, user))), 201);
    add('put', `${base}/:user_guid`, (req, { core }) => grant(req, core, { guid: param(req, 'user_guid') }));
    add('put', base, (req, { core }) => grant(req, core, () => byUsername(req)));

    // by guid: 204; by name: a space answers 200 with itself, an organization 204
    add('delete', `${base}/:user_guid`, async (req, { core }) => {
      await core.removeMemberRole(actorOf(req), { ...input(req, { guid: param(req, 'user_guid') }), audit: {}, recursive: recursive(req) });
      return noContent();
    });
    const revokeByName = async (req: Request, { core }: V2Context) => {
      const done = await core.removeMemberRole(actorOf(req), { ...input(req, () => byUsername(req)), recursive: recursive(req) });
      return type === 'space' ? ok(present(done)) : noContent();
    };
    add('post', `${base}/remove`, revokeByName);
    add('delete', base, revokeByName);
  }
}

export function memberRoleRoutes(add: Add): void {
  register(add, 'organization', 'organizations', ORG_ROLES);
  register(add, 'space', 'spaces', SPACE_ROLES);
}
