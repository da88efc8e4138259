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
    // the flag and the caller's rights are checked before the body is read, as CC does
    const flag = await core.updateFeatureFlag(actorOf(req), param(req, 'name'), () => {
      const raw = bodyObject(req);
      const body = parseMessage({ enabled: bool(), error_message: str() }, raw);
      if (body.enabled === undefined) throw new CfError('FeatureFlagInvalid', 'enabled presence');
      return { enabled: body.enabled, customErrorMessage: body.error_message ?? null, audit: raw };
    });
    return ok(present(flag));
  });
}
