import { badQuery, CfError } from '../../errorCatalogue';
import { parseList } from '../listQuery';
import { pageInMemory } from '../pageInMemory';
import { parseBody } from '../parseBody';
import { presentOrganization, presentUser } from '../presenters/presentDirectory';
import { presentList } from '../presenters/presentList';
import { presentOrganizationQuota } from '../presenters/presentOrganizationExtras';
import { accepted, actorOf, ok, param, type Add, type V3Context } from '../routes';
import { OrganizationCreateBody, OrganizationUpdateBody } from '../schemas';
import { MEMBERS, userFilter } from './users';
import type { Actor } from '../../../../src/core/actor';

const LIST = { keys: ['names', 'label_selector'], orderBy: ['name'] };
/** CC's DomainsListMessage registers guids a second time, and its message lists it twice */
const DOMAINS = { keys: ['names', 'guids', 'organization_guids', 'label_selector'] };
const QUOTAS = { keys: ['names', 'organization_guids'] };
const ALL = { page: 1, perPage: 1_000_000 };

/** The organizations the caller can read: those a quota lists (every organization has the default quota). */
const readableOrganizationGuids = async ({ core }: V3Context, actor: Actor) => (await core.listOrganizations(actor, {}, ALL)).items.map((o) => o.guid);

export function organizationRoutes(add: Add) {
  add('get', '/v3/organizations', async (req, { core, links }) => {
    const q = parseList(req.query, LIST);
    const page = await core.listOrganizations(
      actorOf(req),
      { guids: q.lists.guids, names: q.lists.names, createdAts: q.createdAts, updatedAts: q.updatedAts, labelSelector: q.labelSelector },
      q.page,
    );
    return ok(presentList(links, '/v3/organizations', q, page, presentOrganization(links)));
  });
  add('post', '/v3/organizations', async (req, { core, links }) => {
    const input = () => {
      const body = parseBody(OrganizationCreateBody, req.body);
      return { ...body, audit: body };
    };
    return ok(presentOrganization(links)(await core.createOrganization(actorOf(req), input)), 201);
  });
  add('get', '/v3/organizations/:guid', async (req, { core, links }) => ok(presentOrganization(links)(await core.getOrganization(actorOf(req), param(req, 'guid')))));
  add('patch', '/v3/organizations/:guid', async (req, { core, links }) => {
    const input = () => {
      const body = parseBody(OrganizationUpdateBody, req.body);
      return { ...body, audit: body };
    };
    return ok(presentOrganization(links)(await core.updateOrganization(actorOf(req), param(req, 'guid'), input)));
  });
  add('delete', '/v3/organizations/:guid', async (req, { core, links }) => accepted(links, await core.deleteOrganization(actorOf(req), param(req, 'guid'))));
  // sharegate serves no domains: an organization's domain list is empty, and it has no default domain (CC's answer
  // for an organization without one is 404 Domain not found).
  add('get', '/v3/organizations/:guid/domains', async (req, { core, links }) => {
    const org = await core.getOrganization(actorOf(req), param(req, 'guid'));
    const q = parseList(req.query, DOMAINS);
    return ok(presentList(links, `/v3/organizations/${org.guid}/domains`, q, { total: 0, items: [] }, () => ({})));
  });
  add('get', '/v3/organizations/:guid/domains/default', async (req, { core }) => {
    await core.getOrganization(actorOf(req), param(req, 'guid'));
    throw new CfError('ResourceNotFound', 'Domain not found');
  });
  add('get', '/v3/organizations/:guid/users', async (req, { core, links }) => {
    // CC validates the query before it looks the organization up
    const q = parseList(req.query, MEMBERS);
    const filter = userFilter(q, badQuery);
    const guid = param(req, 'guid');
    return ok(presentList(links, `/v3/organizations/${guid}/users`, q, await core.listOrganizationUsers(actorOf(req), guid, filter, q.page), presentUser(links)));
  });
  add('get', '/v3/organization_quotas', async (req, ctx) => {
    const q = parseList(req.query, QUOTAS);
    const actor = actorOf(req);
    // every organization has the default quota: an organization_guids filter matches when it names one the caller reads
    const orgFilter = q.lists.organization_guids;
    const inOrgs = !orgFilter || (await ctx.core.listOrganizations(actor, { guids: orgFilter }, { page: 1, perPage: 1 })).total > 0;
    const items = ctx.core.listQuotas().filter((x) => inOrgs && (!q.lists.names || q.lists.names.includes(x.name)) && (!q.lists.guids || q.lists.guids.includes(x.guid)));
    const orgs = await readableOrganizationGuids(ctx, actor);
    return ok(presentList(ctx.links, '/v3/organization_quotas', q, pageInMemory(items, q), (x) => presentOrganizationQuota(ctx.links)(x, orgs)));
  });
  add('get', '/v3/organization_quotas/:guid', async (req, ctx) => {
    const quota = ctx.core.getQuota(param(req, 'guid'));
    return ok(presentOrganizationQuota(ctx.links)(quota, await readableOrganizationGuids(ctx, actorOf(req))));
  });
}
