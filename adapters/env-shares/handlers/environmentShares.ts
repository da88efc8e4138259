// The five environment-share endpoints: parse -> one core call -> present. Every success is 200 with JSON.
// An environment is a space, an environment share a space user share (src/core/commands/spaceUserShares.ts).
// As Golem (poem-openapi) reads path, query and body before its handler runs, they are parsed first here; the core
// then checks rights before it looks at them.
import type { ShareAudit, SpaceUserShare } from '../../../src/core/commands/spaceUserShares';
import { spaceRolesOf, unmappedSpaceRoles } from '../environmentRoles';
import { presentEnvironmentShare } from '../presenters/presentEnvironmentShare';
import { parseBody, pathId, revisionParam } from '../parseRequest';
import { actorOf, ok, type Add } from '../routes';
import { EnvironmentShareCreationBody, EnvironmentShareUpdateBody } from '../schemas';

const SHARE = '/v1/environment-shares/:environment_share_id';

/** Events carry the environment share as written; a change that touches no role is an `audit.environment_share.*` event. */
const audit = (request: Record<string, unknown>, verb: 'create' | 'update' | 'delete'): ShareAudit => ({
  request,
  details: (s: SpaceUserShare) => ({ environment_share: { id: s.guid, revision: s.revision } }),
  unchangedEventType: `audit.environment_share.${verb}`,
});

export function environmentShareRoutes(add: Add) {
  add('get', '/v1/envs/:environment_id/shares', async (req, core) => {
    const shares = await core.listSpaceUserShares(actorOf(req), pathId(req, 'environment_id'));
    return ok({ values: shares.map(presentEnvironmentShare) });
  });
  add('post', '/v1/envs/:environment_id/shares', async (req, core) => {
    const id = pathId(req, 'environment_id');
    const body = parseBody(EnvironmentShareCreationBody, req.body);
    const input = () => ({ userGuid: body.granteeAccountId, roles: spaceRolesOf(body.roles), joinOrganization: true, audit: audit(req.body as Record<string, unknown>, 'create') });
    return ok(presentEnvironmentShare(await core.createSpaceUserShare(actorOf(req), id, input)));
  });
  add('get', SHARE, async (req, core) => ok(presentEnvironmentShare(await core.getSpaceUserShare(actorOf(req), pathId(req, 'environment_share_id')))));
  add('patch', SHARE, async (req, core) => {
    const id = pathId(req, 'environment_share_id');
    const body = parseBody(EnvironmentShareUpdateBody, req.body);
    // a PATCH replaces the environment roles and keeps the space roles no environment role stands for
    const input = (current: SpaceUserShare) => ({
      expectedRevision: body.currentRevision,
      roles: [...spaceRolesOf(body.roles), ...unmappedSpaceRoles(current.roles)],
      joinOrganization: true,
      audit: audit(req.body as Record<string, unknown>, 'update'),
    });
    return ok(presentEnvironmentShare(await core.updateSpaceUserShare(actorOf(req), id, input)));
  });
  add('delete', SHARE, async (req, core) => {
    const id = pathId(req, 'environment_share_id');
    const revision = revisionParam(req, 'current_revision');
    const input = () => ({ expectedRevision: revision, audit: audit({ current_revision: revision }, 'delete') });
    return ok(presentEnvironmentShare(await core.deleteSpaceUserShare(actorOf(req), id, input)));
  });
}
