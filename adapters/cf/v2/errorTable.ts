// Cloud Controller v2's error table (errors/v2.yml), beside v3's (../v3/errorTable.ts) on the shared mechanism
// (../errorTable.ts): v2 answers 403 CF-NotAuthorized for a record the caller may not see, and names what was not found.
import { CfError, type CfErrorName } from '../errorCatalogue';
import { CF_COMMON_ROWS, cfErrorFrom, text as s, type CfErrorRow, type CfErrorTable, type Params } from '../errorTable';

/** A missing record named by its guid. */
const missingRow =
  (name: CfErrorName): CfErrorRow =>
  (p: Params) =>
    new CfError(name, s(p.guid));
const inProgress: CfErrorRow = (p: Params) => new CfError('AsyncServiceInstanceOperationInProgress', s(p.name ?? p.guid));

const CODES: Record<string, CfErrorRow> = {
  ...CF_COMMON_ROWS,
  'request.rate_limited': () => new CfError('RateLimitV2APIExceeded'),
  'auth.insufficient_scope': () => new CfError('InsufficientScope'),
  'request.malformed_body': (p: Params) => new CfError('MessageParseError', s(p.message ?? 'invalid request body')),
  'feature_flag.disabled': (p: Params) => new CfError('FeatureDisabled', s(p.message ?? p.guid)),
  'feature_flag.not_found': (p: Params) => new CfError('FeatureFlagNotFound', s(p.guid ?? p.name)),
  'organization.not_found': missingRow('OrganizationNotFound'),
  'organization.suspended': () => new CfError('NotAuthorized'),
  'organization.being_deleted': () => new CfError('NotAuthorized'),
  'space.not_found': missingRow('SpaceNotFound'),
  'user.not_found': missingRow('UserNotFound'),
  'event.not_found': missingRow('EventNotFound'),
  'service_offering.not_found': missingRow('ServiceNotFound'),
  'service_plan.not_found': missingRow('ServicePlanNotFound'),
  'service_instance.not_found': missingRow('ServiceInstanceNotFound'),
  'quota.not_found': missingRow('QuotaDefinitionNotFound'),
  'service_instance.invalid_space': () => new CfError('ServiceInstanceInvalid', 'not a valid space'),
  // a plan that exists but may not be used is CC's access check (403); an unknown one a model error
  'service_instance.invalid_plan': (p: Params) => (p.exists ? new CfError('NotAuthorized') : new CfError('ServiceInstanceInvalid', 'not a valid service plan')),
  'service_instance.shared_delete': (p: Params) => new CfError('ServiceInstanceDeletionSharesExists', s(p.name)),
  'service_instance.name_taken': (p: Params) => new CfError('ServiceInstanceNameTaken', s(p.name)),
  'service_instance.route_service_url_not_https': () => new CfError('ServiceInstanceRouteServiceURLInvalid', 'Scheme for route_service_url must be https.'),
  'service_instance.shared_cannot_rename': () => new CfError('SharedServiceInstanceCannotBeRenamed'),
  'service_instance.operation_in_progress': inProgress,
  'service_instance.locked': inProgress,
  'service_instance.being_deleted': inProgress,
  'service_instance.create_in_progress': inProgress,
  'service_instance.plan_of_other_offering': () => new CfError('InvalidRelation', 'Plan'),
  'service_instance.maintenance_info_conflict': () => new CfError('MaintenanceInfoConflict'),
  'service_instance.parameters_not_supported': () => new CfError('ServiceFetchInstanceParametersNotSupported'),
  // people: organizations, spaces, users and their roles
  'organization.name_taken': (p) => new CfError('OrganizationNameTaken', s(p.name)),
  'organization.rename_taken': (p) => new CfError('OrganizationNameTaken', s(p.name)),
  'organization.has_spaces': () => new CfError('AssociationNotEmpty', 'spaces', ['organizations']),
  'space.name_taken': (p) => new CfError('SpaceNameTaken', s(p.name)),
  // CC resolves organization_guid as a relation (InvalidRelation when missing), then checks access (403)
  'space.invalid_organization': (p) => (p.exists ? new CfError('NotAuthorized') : new CfError('InvalidRelation', `Could not find Organization with guid: ${s(p.guid)}`)),
  'space.not_empty': (p) => new CfError('NonrecursiveSpaceDeletionFailed', s(p.name)),
  'user.guid_taken': (p) => new CfError('UaaIdTaken', s(p.guid)),
  'user.username_not_found': (p) => new CfError('UserNotFound', s(p.username)),
  'user.origin_not_found': (p) => new CfError('UserWithOriginNotFound', `username: '${s(p.username)}', origin: '${s(p.origin)}'`),
  'user.multiple_origins': (p) => new CfError('UserIsInMultipleOrigins', (p.origins as string[]).map((o) => `'${o}'`).join(', ')),
  'role.user_not_in_organization': (p) => new CfError('InvalidRelation', s(p.userGuid)),
  'role.unknown_user_guid': (p) => new CfError('InvalidRelation', `User with guid ${s(p.guid)} not found`),
  'role.org_user_has_space_roles': () => new CfError('AssociationNotEmpty', 'user', ['spaces in the org']),
};

export const V2_ERRORS: CfErrorTable = {
  codes: CODES,
  kinds: {
    not_found: () => new CfError('NotFound'),
    hidden: () => new CfError('NotAuthorized'),
    forbidden: () => new CfError('NotAuthorized'),
    unauthenticated: () => new CfError('InvalidAuthToken'),
    invalid: () => new CfError('InvalidRequest'),
    conflict: () => new CfError('InvalidRequest'),
    unavailable: () => new CfError('ServiceUnavailable', 'Service unavailable'),
  },
};

/** The v2 error for any error; null for an unexpected one (a server fault). */
export const toV2Error = (error: unknown): CfError | null => cfErrorFrom(V2_ERRORS, error);
