// The five environment-share endpoints: parse -> one core call -> present. Every success is 200 with JSON.
import { presentEnvironmentShare } from '../presenters/presentEnvironmentShare';
import { parseBody, pathId, revisionParam } from '../parseRequest';
import { actorOf, ok, type Add } from '../routes';
import { EnvironmentShareCreationBody, EnvironmentShareUpdateBody } from '../schemas';

const SHARE = '/v1/environment-shares/:environment_share_id';

export function environmentShareRoutes(add: Add) {
  add('get', '/v1/envs/:environment_id/shares', async (req, core) => {
    const shares = await core.listEnvironmentShares(actorOf(req), pathId(req, 'environment_id'));
    return ok({ values: shares.map(presentEnvironmentShare) });
  });
  add('post', '/v1/envs/:environment_id/shares', async (req, core) => {
    const id = pathId(req, 'environment_id');
    const body = parseBody(EnvironmentShareCreationBody, req.body);
    return ok(presentEnvironmentShare(await core.createEnvironmentShare(actorOf(req), id, { ...body, request: req.body as Record<string, unknown> })));
  });
  add('get', SHARE, async (req, core) => ok(presentEnvironmentShare(await core.getEnvironmentShare(actorOf(req), pathId(req, 'environment_share_id')))));
  add('patch', SHARE, async (req, core) => {
    const id = pathId(req, 'environment_share_id');
    const body = parseBody(EnvironmentShareUpdateBody, req.body);
    return ok(presentEnvironmentShare(await core.updateEnvironmentShare(actorOf(req), id, { ...body, request: req.body as Record<string, unknown> })));
  });
  add('delete', SHARE, async (req, core) => {
    const id = pathId(req, 'environment_share_id');
    return ok(presentEnvironmentShare(await core.deleteEnvironmentShare(actorOf(req), id, revisionParam(req, 'current_revision'))));
  });
}
