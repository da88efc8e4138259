// Cloud Controller v3's error table: domain error code -> CF error of the shared catalogue (../errorCatalogue.ts),
// built with the shared mechanism (../errorTable.ts). A hidden record is rendered exactly as a missing one (404).
import { CF_ERRORS, CfError } from '../errorCatalogue';
import {
  CF_COMMON_ROWS,
  cfErrorFrom,
  hiddenAsNotFound,
  notFoundRow as nf,
  quotedList as list,
  text as s,
  unprocessableRow as u,
  type CfErrorRow,
  type CfErrorTable,
  type Params,
} from '../errorTable';

const CODES: Record<string, CfErrorRow> = {
  ...CF_COMMON_ROWS,
  'feature_flag.disabled': (p: Params) => new CfError('FeatureDisabled', s(p.message)),
  'feature_flag.not_found': () => nf('Feature flag not found'),
  'organization.not_found': () => nf('Organization not found'),
  'space.not_found': () => nf('Space not found'),
  'user.not_found': () => nf('User not found'),
  'role.not_found': () => nf('Role not found'),
  'job.not_found': () => nf('Job not found'),
  'event.not_found': () => nf('Event not found'),
  'service_instance.not_found': () => nf('Service instance not found'),
  'service_offering.not_found': () => nf('Service offering not found'),
  'service_plan.not_found': () => nf('Service plan not found'),
  'quota.not_found': () => nf('Organization quota not found'),
  'organization.name_taken': (p: Params) => u(`Organization '${s(p.name)}' already exists.`),
  'organization.rename_taken': (p: Params) => u(`Organization name '${s(p.name)}' is already taken.`),
  'organization.suspended': () => new CfError('OrgSuspended'),
  'organization.being_deleted': () => new CfError('ResourceBeingDeleted', 'organization'),
  'space.invalid_organization': () => u('Invalid organization. Ensure the organization exists and you have access to it.'),
  'space.name_taken': () => u('Name must be unique per organization'),
  'user.guid_taken': (p: Params) => u(`User with guid '${s(p.guid)}' already exists.`),
  'user.username_taken': (p: Params) => u(`User with username '${s(p.username)}' and origin '${s(p.origin)}' already exists.`),
  'role.invalid_space': () => u('Invalid space. Ensure that the space exists and you have access to it.'),
  'role.invalid_organization': () => u('Invalid organization. Ensure that the organization exists and you have access to it.'),
  'role.invalid_user': () => u('Invalid user. Ensure that the user exists and you have access to it.'),
  'role.space_role_requires_org_role': () => u("Users cannot be assigned roles in a space if they do not have a role in that space's organization."),
  'role.already_exists': (p: Params) =>
    u(`User '${s(p.username)}' already has '${s(p.type)}' role in ${p.resourceType === 'space' ? 'space' : 'organization'} '${s(p.resourceName)}'.`),
  'role.ambiguous_username': (p: Params) =>
    u(`Ambiguous user. User with username '${s(p.username)}' exists in the following origins: ${(p.origins as string[]).join(', ')}. Specify an origin to disambiguate.`),
  'role.unknown_username': (p: Params) =>
    u(p.origin ? `No user exists with the username '${s(p.username)}' and origin '${s(p.origin)}'.` : `No user exists with the username '${s(p.username)}'.`),
  'role.org_user_has_space_roles': () => u('Cannot delete organization_user role while user has roles in spaces in that organization.'),
  'service_instance.invalid_space': () => u('Invalid space. Ensure that the space exists and you have access to it.'),
  'service_instance.name_taken': (p: Params) => u(`The service instance name is taken: ${s(p.name)}${p.type === 'managed' && p.update ? '' : '.'}`),
  'service_instance.invalid_plan': () => u('Invalid service plan. Ensure that the service plan exists, is available, and you have access to it.'),
  'service_instance.route_service_url_not_https': () => u('Route service url must be https'),
  'service_instance.shared_cannot_rename': () => u('Service instances that have been shared cannot be renamed'),
  'service_instance.operation_in_progress': () => u('There is an operation in progress for the service instance.'),
  'service_instance.locked': (p: Params) => new CfError('AsyncServiceInstanceOperationInProgress', s(p.name)),
  'service_instance.being_deleted': () => u('The service instance is invalid: The service instance is getting deleted.'),
  'service_instance.create_in_progress': (p: Params) => new CfError('AsyncServiceInstanceOperationInProgress', s(p.name)),
  'service_instance.plan_of_other_offering': () => new CfError('InvalidRelation', 'service plan relates to a different service offering'),
  // v3 rescues the update action's errors and answers them as 422 CF-UnprocessableEntity (v2: CF-MaintenanceInfoConflict)
  'service_instance.maintenance_info_conflict': () => u(CF_ERRORS.MaintenanceInfoConflict.message),
  'service_instance.parameters_not_supported': () => new CfError('ServiceFetchInstanceParametersNotSupported'),
  'share.invalid_targets': (p: Params) => {
    const parts: string[] = [];
    if ((p.unreadable as string[]).length)
      parts.push(`Unable to share service instance ${s(p.instanceName)} with spaces ${list(p.unreadable)}. Ensure the spaces exist and that you have access to them.`);
    if ((p.unwritable as string[]).length)
      parts.push(
        `Unable to share service instance ${s(p.instanceName)} with spaces ${list(p.unwritable)}. Write permission is required in order to share a service instance with a space.`,
      );
    return u(parts.join('\n'));
  },
  'share.route_service': () => u('Route services cannot be shared.'),
  'share.user_provided': () => u('User-provided services cannot be shared.'),
  'share.not_shareable': (p: Params) => u(`The ${s(p.offeringName)} service does not support service instance sharing.`),
  'share.into_own_space': (p: Params) =>
    u(`Unable to share service instance '${s(p.instanceName)}' with space '${s(p.spaceGuid)}'. Service instances cannot be shared into the space where they were created.`),
  'share.plan_inactive': (p: Params) => u(`The service instance could not be shared as the ${s(p.planName)} plan is inactive.`),
  'share.plan_not_enabled': (p: Params) => u(`Access to service ${s(p.offeringName)} and plan ${s(p.planName)} is not enabled in ${s(p.organizationName)}/${s(p.spaceName)}.`),
  'share.name_exists': (p: Params) => u(`A service instance called ${s(p.name)} already exists in ${s(p.spaceName)}.`),
  'share.name_shared': (p: Params) => u(`A service instance called ${s(p.name)} has already been shared with ${s(p.spaceName)}.`),
  'share.instance_create_failed': (p: Params) => new CfError('ServiceInstanceNotFound', s(p.name)),
  'share.instance_creating': () => u('Service instance is currently being created. It can be shared after its creation succeeded.'),
  'share.instance_deleting': () => u('The service instance is getting deleted.'),
  'unshare.space_not_found': (p: Params) => u(`Unable to unshare service instance from space ${s(p.spaceGuid)}. Ensure the space exists.`),
};

export const V3_ERRORS: CfErrorTable = {
  codes: CODES,
  kinds: {
    not_found: () => nf('Resource not found'),
    hidden: hiddenAsNotFound(() => V3_ERRORS),
    forbidden: () => new CfError('NotAuthorized'),
    unauthenticated: () => new CfError('InvalidAuthToken'),
    invalid: () => u('The request is semantically invalid'),
    conflict: () => u('The request conflicts with the current state of the resource'),
    unavailable: () => new CfError('ServiceUnavailable', 'Service unavailable'),
  },
};

/** The v3 CF error for any error; null for an unexpected one (a server error). */
export const toV3CfError = (error: unknown): CfError | null => cfErrorFrom(V3_ERRORS, error);
