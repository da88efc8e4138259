import { parseList } from '../listQuery';
import { pageInMemory } from '../pageInMemory';
import { parseBody } from '../parseBody';
import { presentFeatureFlag } from '../presenters/presentDirectory';
import { presentList } from '../presenters/presentList';
import { actorOf, ok, param, type Add } from '../routes';
import { FeatureFlagUpdateBody } from '../schemas';

export function featureFlagRoutes(add: Add) {
  add('get', '/v3/feature_flags', async (req, { core, links }) => {
    const q = parseList(req.query, { keys: [], orderBy: ['name'], orderByOnly: true });
    const page = pageInMemory(await core.listFeatureFlags(), q);
    return ok(presentList(links, '/v3/feature_flags', q, page, presentFeatureFlag(links)));
  });
  add('get', '/v3/feature_flags/:name', async (req, { core, links }) => ok(presentFeatureFlag(links)(await core.getFeatureFlag(param(req, 'name')))));
  add('patch', '/v3/feature_flags/:name', async (req, { core, links }) => {
    const input = () => {
      const body = parseBody(FeatureFlagUpdateBody, req.body);
      return { enabled: body.enabled, customErrorMessage: body.custom_error_message, audit: { enabled: body.enabled, customErrorMessage: body.custom_error_message } };
    };
    const flag = await core.updateFeatureFlag(actorOf(req), param(req, 'name'), input);
    return ok(presentFeatureFlag(links)(flag));
  });
}
