// /v2/config/feature_flags: the same flags as /v3/feature_flags (CC's FeatureFlagPresenter shape, no envelope).
import type { FeatureFlag } from '../../../../src/core/records';
import { CfError } from '../../errorCatalogue';
import { bodyObject, bool, parseMessage, str } from '../parseBody';
import { actorOf, ok, param, type Add } from '../routes';

const PATH = '/v2/config/feature_flags';

const present = (f: FeatureFlag) => ({ name: f.name, enabled: f.enabled, error_message: f.customErrorMessage, url: `${PATH}/${f.name}` });

export function featureFlagRoutes(add: Add) {
  add('get', PATH, async (_req, { core }) => ok((await core.listFeatureFlags()).map(present)));
  add('get', `${PATH}/:name`, async (req, { core }) => ok(present(await core.getFeatureFlag(param(req, 'name')))));
  add('put', `${PATH}/:name`, async (req, { core }) => {
    const name = param(req, 'name');
    await core.getFeatureFlag(name);
    core.authorizeFeatureFlagUpdate(actorOf(req));
    const body = parseMessage({ enabled: bool(), error_message: str() }, bodyObject(req));
    if (body.enabled === undefined) throw new CfError('FeatureFlagInvalid', 'enabled presence');
    const flag = await core.updateFeatureFlag(actorOf(req), name, { enabled: body.enabled, customErrorMessage: body.error_message ?? null });
    return ok(present(flag));
  });
}
