import { CfError } from '../../errorCatalogue';
import { presentOrganizationUsageSummary, presentUsage } from '../presenters/presentOrganizationExtras';
import { actorOf, ok, param, type Add } from '../routes';

export function usageSummaryRoutes(add: Add) {
  add('get', '/v3/organizations/:guid/usage_summary', async (req, { core, links }) => {
    const guid = param(req, 'guid');
    return ok(presentOrganizationUsageSummary(links, guid, await core.getOrganizationUsageSummary(actorOf(req), guid)));
  });
  add('get', '/v3/info/usage_summary', async (req, { core, links }) => {
    const usage = await core.getGlobalUsageSummary(actorOf(req));
    // CC answers its generic not-found to those who cannot read globally
    if (!usage) throw new CfError('NotFound');
    return ok({ usage_summary: presentUsage(usage), links: { self: links.href('/v3/info/usage_summary') } });
  });
}
