import { catalogFor } from '../../../../src/core/catalog';
// /v2/organizations: list, read, create, rename, delete, and the lists under an organization (OrganizationsController).
import type { Request } from 'express';
import type { Operation } from '../../../../src/core/records';
import { CfError } from '../../errorCatalogue';
import { pageItems, presentPage } from '../envelope';
import { equalityValues, parseV2List, pageRequest } from '../listParams';
import { bodyObject, parseMessage } from '../parseBody';
import { membersOf, ORG_ROLE_FIELDS, ORGANIZATION_LIST, OrganizationCreateMessage, OrganizationUpdateMessage, SPACE_LIST, USER_LIST } from '../peopleSchemas';
import { presentService } from '../presenters/presentCatalog';
import { presentJob } from '../presenters/presentJob';
import { organizationUrl, presentMember, presentMemberUser, presentOrganization, presentSpace } from '../presenters/presentPeople';
import { actorOf, noContent, ok, param, type Add, type V2Context } from '../routes';
import { boolFilter, matches, SERVICE_FIELDS } from './catalog';
import { organizationSearch, spaceSearch, userHoldings } from './peopleQueries';

/** `status` as CC validates it: active or suspended. */
function suspendedOf(status: string | undefined): boolean | undefined {
  if (status === undefined) return undefined;
  if (status !== 'active' && status !== 'suspended') throw new CfError('OrganizationInvalid', 'status is invalid');
  return status === 'suspended';
}

function checkedName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const trimmed = name.trim();
  if (trimmed === '') throw new CfError('OrganizationInvalid', 'name presence');
  if (trimmed.length > 255) throw new CfError('OrganizationInvalid', 'name max_length');
  return trimmed;
}

/** CC resolves `quota_definition_guid` as a relation: an unknown guid is CF-InvalidRelation. */
function checkQuota(core: V2Context['core'], guid: string | undefined): void {
  if (guid !== undefined && !core.listQuotas().some((q) => q.guid === guid)) throw new CfError('InvalidRelation', `Could not find QuotaDefinition with guid: ${guid}`);
}

/** CC's run_or_enqueue_deletion_job: `async=true` queues a job (202), else the deletion happens now (204). */
export const deleteOptions = (req: Request) => ({ recursive: req.query.recursive === 'true', wait: req.query.async !== 'true' });

export const deletionReply = (op: Operation) => (op.state === 'queued' ? ok(presentJob(op), 202, { Location: `/v2/jobs/${op.guid}` }) : noContent());

/** An organization's user_roles also take `q=user_guid:U` (CC's OrganizationUserRolesFetcher), to ask about one user. */
const USER_ROLES_LIST = { q: [...USER_LIST.q, 'user_guid'] };

const memberList =
  (segment: string, role: string | undefined) =>
  async (req: Request, { core }: V2Context) => {
    const guid = param(req, 'guid');
    const l = parseV2List(req.query, role === undefined ? USER_ROLES_LIST : USER_LIST);
    const query = { resourceType: 'organization' as const, resourceGuid: guid, role, alsoHolding: userHoldings(l.filters), userGuids: equalityValues(l.filters, 'user_guid') };
    const page = await core.listMembers(actorOf(req), query, pageRequest(l));
    return ok(presentPage(`${organizationUrl(guid)}/${segment}`, l, page, role === undefined ? presentMember('organization') : presentMemberUser));
  };

export function organizationRoutes(add: Add): void {
  add('get', '/v2/organizations', async (req, { core }) => {
    const l = parseV2List(req.query, ORGANIZATION_LIST);
    const page = await core.searchOrganizations(actorOf(req), organizationSearch(l.filters), pageRequest(l));
    return ok(presentPage('/v2/organizations', l, page, presentOrganization));
  });
  add('post', '/v2/organizations', async (req, { core }) => {
    const org = await core.createOrganization(actorOf(req), () => {
      const body = bodyObject(req);
      const m = parseMessage(OrganizationCreateMessage, body);
      checkQuota(core, m.quota_definition_guid);
      return { name: checkedName(m.name)!, suspended: suspendedOf(m.status), audit: body, members: membersOf(m, ORG_ROLE_FIELDS) };
    });
    return ok(presentOrganization(org), 201, { Location: organizationUrl(org.guid) });
  });
  add('get', '/v2/organizations/:guid', async (req, { core }) => ok(presentOrganization(await core.organizationForMembers(actorOf(req), param(req, 'guid')))));
  add('put', '/v2/organizations/:guid', async (req, { core }) => {
    const org = await core.updateOrganization(actorOf(req), param(req, 'guid'), () => {
      const body = bodyObject(req);
      const m = parseMessage(OrganizationUpdateMessage, body);
      checkQuota(core, m.quota_definition_guid);
      const members = membersOf(m, ORG_ROLE_FIELDS);
      return { name: checkedName(m.name), suspended: suspendedOf(m.status), audit: body, members: members.length ? members : undefined };
    });
    return ok(presentOrganization(org), 201);
  });
  add('delete', '/v2/organizations/:guid', async (req, { core }) => deletionReply(await core.deleteOrganization(actorOf(req), param(req, 'guid'), deleteOptions(req))));

  add('get', '/v2/organizations/:guid/spaces', async (req, { core }) => {
    const guid = param(req, 'guid');
    const l = parseV2List(req.query, SPACE_LIST);
    await core.organizationForMembers(actorOf(req), guid);
    const search = spaceSearch(l.filters);
    const organizationGuids = search.organizationGuids ? search.organizationGuids.filter((g) => g === guid) : [guid];
    const page = await core.searchSpaces(actorOf(req), { ...search, organizationGuids }, pageRequest(l));
    return ok(presentPage(`${organizationUrl(guid)}/spaces`, l, page, presentSpace));
  });
  for (const [segment, role] of [
    ['users', 'user'],
    ['managers', 'manager'],
    ['auditors', 'auditor'],
    ['billing_managers', 'billing_manager'],
  ] as const) {
    add('get', `/v2/organizations/:guid/${segment}`, memberList(segment, role));
  }
  add('get', '/v2/organizations/:guid/user_roles', memberList('user_roles', undefined));
  // the offerings with a plan the caller may see (CC's organization_visible; sharegate has no per-organization visibilities)
  add('get', '/v2/organizations/:guid/services', async (req, { core }) => {
    const org = await core.organizationForMembers(actorOf(req), param(req, 'guid'));
    const l = parseV2List(req.query, { q: Object.keys(SERVICE_FIELDS) });
    const filters = boolFilter(l.filters, 'active');
    const items = catalogFor(actorOf(req), core.catalog).offerings.filter((o) => matches(o, filters, SERVICE_FIELDS));
    return ok(presentPage(`${organizationUrl(org.guid)}/services`, l, pageItems(items, l), presentService));
  });
  // relations of things sharegate does not have (space quotas, domains, apps): a readable organization has none
  for (const segment of ['space_quota_definitions', 'domains', 'private_domains', 'app_events']) {
    add('get', `/v2/organizations/:guid/${segment}`, async (req, { core }) => {
      const guid = param(req, 'guid');
      const l = parseV2List(req.query, { q: [] });
      await core.organizationForMembers(actorOf(req), guid);
      return ok(presentPage(`${organizationUrl(guid)}/${segment}`, l, { total: 0, items: [] }, (x: never) => x));
    });
  }
}
