// The operations table: one entry per class and operation, with its declared operationParams, the core call it makes
// and how its result is presented. Task operations answer a Task (after the request's timeout); search answers
// SearchResults at once.
import type { Actor } from '../../src/core/actor';
import type { OperationRequest } from '../../src/core/commands/instanceTask';
import type { Core } from '../../src/core/core';
import type { Operation } from '../../src/core/records';
import type { ParamDecl, StandardRequest } from './operationParams';
import { instanceAttributes, presentInstance } from './presenters/presentInstance';
import { offeringAttributes, presentOffering } from './presenters/presentOffering';
import { instanceStoreQuery } from './instanceStoreQuery';
import { resultsOf, searchPage, searchResults, type SearchParams } from './search';

export interface OperationContext {
  core: Core;
  actor: Actor;
  /** the object of an instance operation */
  guid: string;
  std: StandardRequest;
  /** hooks, start time and the request as kept with the task */
  request: OperationRequest;
  newGuid: () => string;
}

interface Common {
  className: string;
  name: string;
  scope: 'static' | 'instance';
  params: ParamDecl[];
}
export type CsmOperation =
  (Common & { kind: 'task'; run(ctx: OperationContext): Promise<Operation> }) | (Common & { kind: 'search'; run(ctx: OperationContext): Promise<unknown> });

const SOI = 'ServiceOfferingInstance';
const OFFERING = 'ServiceOffering';
const bean = (name: string) => `com.bmc.cloud.model.beans.${name}` as const;

const SEARCH_PARAMS: ParamDecl[] = [
  { name: 'criteria', type: bean('QueryNode'), multiplicity: '0..1' },
  { name: 'pageSize', type: 'java.lang.Integer', multiplicity: '0..1' },
  { name: 'pageNo', type: 'java.lang.Integer', multiplicity: '0..1' },
  { name: 'orderBy', type: 'java.lang.String', multiplicity: '0..*' },
  { name: 'fillFields', type: 'java.lang.String', multiplicity: '0..*' },
  { name: 'ignoreFields', type: 'java.lang.String', multiplicity: '0..*' },
];
const USER_NAME_LIST: ParamDecl = { name: 'userNameList', type: 'java.lang.String', multiplicity: '0..*' };
const NEW_OWNER: ParamDecl[] = [
  { name: 'newOwnerName', type: 'java.lang.String', multiplicity: '1' },
  { name: 'newTenantName', type: 'java.lang.String', multiplicity: '1' },
];

export const INSTANCE_SEARCH_ATTRIBUTES = ['name', 'guid', 'ownerName', 'status', 'tenantName', 'serviceOfferingName', 'createdTime', 'modifiedTime'];
export const OFFERING_SEARCH_ATTRIBUTES = ['name', 'guid', 'reconciliationID', 'description'];

const searchOf = (p: Record<string, unknown>): SearchParams => ({
  criteria: p.criteria,
  pageSize: p.pageSize as number | undefined,
  pageNo: p.pageNo as number | undefined,
  orderBy: p.orderBy as string[] | undefined,
});

/** fillFields / ignoreFields: which attributes of each result are shown (cloudClass and guid always are). */
function fields(p: Record<string, unknown>) {
  const fill = (p.fillFields as string[] | undefined)?.map((f) => f.toLowerCase());
  const ignore = new Set((p.ignoreFields as string[] | undefined)?.map((f) => f.toLowerCase()) ?? []);
  return (o: Record<string, unknown>) => {
    if (!fill && ignore.size === 0) return o;
    return Object.fromEntries(
      Object.entries(o).filter(([k]) => k === 'cloudClass' || k === 'guid' || k === 'name' || ((!fill || fill.includes(k.toLowerCase())) && !ignore.has(k.toLowerCase()))),
    );
  };
}

/** A ServiceOffering operand: its guid, or its reconciliationID (the same id here). */
function offeringGuidOf(core: Core, value: unknown): string {
  const v = (value ?? {}) as Record<string, unknown>;
  const ids = [v.guid, v.reconciliationID].filter((x): x is string => typeof x === 'string' && x !== '');
  return ids.find((id) => core.catalog.offerings.some((o) => o.guid === id)) ?? ids[0] ?? '';
}

const userNames = (p: Record<string, unknown>) => (p.userNameList as string[] | undefined) ?? [];

export const OPERATIONS: CsmOperation[] = [
  {
    className: SOI,
    name: 'search',
    scope: 'static',
    kind: 'search',
    params: SEARCH_PARAMS,
    async run({ core, actor, std, newGuid }) {
      const shown = fields(std.params);
      const search = searchOf(std.params);
      const query = instanceStoreQuery(search, INSTANCE_SEARCH_ATTRIBUTES);
      if (query) {
        const page = await core.pageInstanceDetails(actor, query.filter, query.page);
        return resultsOf(
          newGuid(),
          search.pageNo ?? 0,
          search.pageSize ?? -1,
          page.total,
          page.items.map((d) => shown(presentInstance(d))),
        );
      }
      // filtered and ordered on what the attributes need; the shared users are read for the page's rows only
      const found = searchPage(await core.listInstanceSummaries(actor), INSTANCE_SEARCH_ATTRIBUTES, instanceAttributes, search);
      const details = await core.completeInstanceDetails(found.page);
      return resultsOf(
        newGuid(),
        found.pageNo,
        found.pageSize,
        found.total,
        details.map((d) => shown(presentInstance(d))),
      );
    },
  },
  {
    className: SOI,
    name: 'bulkCreate',
    scope: 'static',
    kind: 'task',
    params: [
      { name: 'serviceOfferingID', type: bean('ServiceOffering'), multiplicity: '1' },
      { name: 'quantity', type: 'java.lang.Integer', multiplicity: '0..1' },
      { name: 'name', type: 'java.lang.String', multiplicity: '0..1' },
      { name: 'tenant', type: 'java.lang.String', multiplicity: '0..1' },
      // guest operating system settings of CLM's compute model: accepted, not used (sharegate provisions no servers)
      { name: 'username', type: 'java.lang.String', multiplicity: '0..1' },
      { name: 'password', type: 'java.lang.String', multiplicity: '0..1', secret: true },
      { name: 'hostnamePrefix', type: 'java.lang.String', multiplicity: '0..1' },
      { name: 'userParameters', type: bean('NameValuePair'), multiplicity: '0..*' },
    ],
    run: ({ core, actor, std, request }) =>
      core.requestBulkCreate(
        actor,
        {
          offeringGuid: offeringGuidOf(core, std.params.serviceOfferingID),
          quantity: (std.params.quantity as number | undefined) ?? 1,
          name: std.params.name as string | undefined,
          organizationName: std.params.tenant as string | undefined,
        },
        request,
      ),
  },
  {
    className: SOI,
    name: 'share',
    scope: 'instance',
    kind: 'task',
    params: [USER_NAME_LIST],
    run: ({ core, actor, guid, std, request }) => core.requestShareWithUsers(actor, guid, { userNames: userNames(std.params) }, request),
  },
  {
    className: SOI,
    name: 'transferOwnership',
    scope: 'instance',
    kind: 'task',
    params: NEW_OWNER,
    run: ({ core, actor, guid, std, request }) =>
      core.requestTransfer(actor, guid, { newOwnerName: std.params.newOwnerName as string, newOrganizationName: std.params.newTenantName as string }, request),
  },
  {
    className: SOI,
    name: 'transferOwnershipAndShare',
    scope: 'instance',
    kind: 'task',
    params: [...NEW_OWNER, USER_NAME_LIST],
    run: ({ core, actor, guid, std, request }) =>
      core.requestTransfer(
        actor,
        guid,
        { newOwnerName: std.params.newOwnerName as string, newOrganizationName: std.params.newTenantName as string, userNames: userNames(std.params) },
        request,
      ),
  },
  {
    className: SOI,
    name: 'decommission',
    scope: 'instance',
    kind: 'task',
    params: [{ name: 'decommissionDate', type: 'java.util.Date', multiplicity: '0..1' }],
    run: ({ core, actor, guid, std, request }) => core.requestDecommission(actor, guid, { ...request, runAfter: std.params.decommissionDate as number | undefined }),
  },
  {
    className: OFFERING,
    name: 'search',
    scope: 'static',
    kind: 'search',
    params: SEARCH_PARAMS,
    async run({ core, std, newGuid }) {
      const shown = fields(std.params);
      const offerings = core.catalog.offerings.filter((o) => o.available);
      return searchResults(offerings, OFFERING_SEARCH_ATTRIBUTES, offeringAttributes, (o) => shown(presentOffering(o)), searchOf(std.params), newGuid());
    },
  },
];

/** Class names as documented, looked up case-insensitively. */
export const CLASSES = ['ServiceOfferingInstance', 'ServiceOffering', 'Task'];
export const classNamed = (name: string) => CLASSES.find((c) => c.toLowerCase() === name.toLowerCase());

export const operationNamed = (className: string, name: string, scope: 'static' | 'instance') =>
  OPERATIONS.find((o) => o.className === className && o.scope === scope && o.name.toLowerCase() === name.toLowerCase());
