// Domain error code -> Cloud Controller v2 error (errors/v2.yml), beside v3's table in ../domainErrors.ts. v2 answers
// 403 where v3 hides a resource that exists behind a 404, and names what was not found.
import type { Request } from 'express';
import { isDomainError, type DomainError } from '../../../src/core/errors';
import { CfError } from '../errorCatalogue';

type P = Record<string, unknown>;
type Row = (p: P, req?: Request) => CfError;
const s = (v: unknown) => String(v ?? '');
/** the guid the error is about: its own parameter, else the request's `:guid` */
const guidOf = (p: P, req?: Request) => s(p.guid ?? req?.params?.guid);
const hiddenOr = (name: ConstructorParameters<typeof CfError>[0]) => (p: P, req?: Request) =>
  p.hidden ? new CfError('NotAuthorized') : new CfError(name, guidOf(p, req));

export const V2_TABLE: Record<string, Row> = {
  // seen only through a space it is shared into: CC names why it may not be changed there
  not_authorized: (p, req) =>
    p.sharedTarget && req?.method === 'PUT'
      ? new CfError('SharedServiceInstanceNotUpdatableInTargetSpace')
      : p.sharedTarget && req?.method === 'DELETE'
        ? new CfError('SharedServiceInstanceNotDeletableInTargetSpace')
        : new CfError('NotAuthorized'),
  'auth.missing': () => new CfError('NotAuthenticated'),
  'auth.invalid': () => new CfError('InvalidAuthToken'),
  'auth.insufficient_scope': () => new CfError('InsufficientScope'),
  'request.malformed_body': (p) => new CfError('MessageParseError', s(p.message ?? 'invalid request body')),
  'request.body_too_large': () => new CfError('MessageParseError', 'request body too large'),
  'feature_flag.disabled': (p) => new CfError('FeatureDisabled', s(p.message)),
  'feature_flag.not_found': (p, req) => new CfError('FeatureFlagNotFound', s(p.name ?? req?.params?.name)),
  'organization.not_found': hiddenOr('OrganizationNotFound'),
  'organization.suspended': () => new CfError('NotAuthorized'),
  'organization.being_deleted': () => new CfError('NotAuthorized'),
  'space.not_found': hiddenOr('SpaceNotFound'),
  'user.not_found': hiddenOr('UserNotFound'),
  'event.not_found': hiddenOr('EventNotFound'),
  'service_offering.not_found': hiddenOr('ServiceNotFound'),
  'service_plan.not_found': hiddenOr('ServicePlanNotFound'),
  'service_instance.not_found': (p, req) => hiddenOr(req?.path.startsWith('/v2/user_provided_service_instances') ? 'UserProvidedServiceInstanceNotFound' : 'ServiceInstanceNotFound')(p, req),
  'user_provided_service_instance.not_found': hiddenOr('UserProvidedServiceInstanceNotFound'),
  'quota.not_found': hiddenOr('QuotaDefinitionNotFound'),
  'service_instance.invalid_space': () => new CfError('ServiceInstanceInvalid', 'not a valid space'),
  // a plan that exists but may not be used: 403 on create (CC's access check), InvalidRelation on update
  'service_instance.invalid_plan': (p, req) =>
    req?.method === 'PUT'
      ? new CfError('InvalidRelation', 'Plan')
      : p.hidden
        ? new CfError('NotAuthorized')
        : new CfError('ServiceInstanceInvalid', 'not a valid service plan'),
  'service_instance.shared_delete': (p) => new CfError('ServiceInstanceDeletionSharesExists', s(p.name)),
  'service_instance.name_taken': (p) => new CfError('ServiceInstanceNameTaken', s(p.name)),
  'service_instance.route_service_url_not_https': () => new CfError('ServiceInstanceRouteServiceURLInvalid', 'Scheme for route_service_url must be https.'),
  'service_instance.shared_cannot_rename': () => new CfError('SharedServiceInstanceCannotBeRenamed'),
  'service_instance.operation_in_progress': (p, req) => new CfError('AsyncServiceInstanceOperationInProgress', s(p.name ?? guidOf(p, req))),
  'service_instance.locked': (p, req) => new CfError('AsyncServiceInstanceOperationInProgress', s(p.name ?? guidOf(p, req))),
  'service_instance.being_deleted': (p, req) => new CfError('AsyncServiceInstanceOperationInProgress', s(p.name ?? guidOf(p, req))),
  'service_instance.create_in_progress': (p, req) => new CfError('AsyncServiceInstanceOperationInProgress', s(p.name ?? guidOf(p, req))),
  'service_instance.plan_of_other_offering': () => new CfError('InvalidRelation', 'Plan'),
  'service_instance.maintenance_info_conflict': () => new CfError('MaintenanceInfoConflict'),
  'service_instance.parameters_not_supported': () => new CfError('ServiceFetchInstanceParametersNotSupported'),
  // people: organizations, spaces, users and their roles
  'organization.name_taken': (p) => new CfError('OrganizationNameTaken', s(p.name)),
  'organization.rename_taken': (p) => new CfError('OrganizationNameTaken', s(p.name)),
  'organization.has_spaces': () => new CfError('AssociationNotEmpty', 'spaces', ['organizations']),
  'space.name_taken': (p) => new CfError('SpaceNameTaken', s(p.name)),
  'space.organization_not_found': (p) => new CfError('InvalidRelation', `Could not find Organization with guid: ${s(p.guid)}`),
  'space.not_empty': (p) => new CfError('NonrecursiveSpaceDeletionFailed', s(p.name)),
  'user.guid_taken': (p) => new CfError('UaaIdTaken', s(p.guid)),
  'user.username_not_found': (p) => new CfError('UserNotFound', s(p.username)),
  'user.origin_not_found': (p) => new CfError('UserWithOriginNotFound', `username: '${s(p.username)}', origin: '${s(p.origin)}'`),
  'user.multiple_origins': (p) => new CfError('UserIsInMultipleOrigins', (p.origins as string[]).map((o) => `'${o}'`).join(', ')),
  'role.user_not_in_organization': (p) => new CfError('InvalidRelation', s(p.userGuid)),
  'role.unknown_user_guid': (p) => new CfError('InvalidRelation', `User with guid ${s(p.guid)} not found`),
  'role.org_user_has_space_roles': () => new CfError('AssociationNotEmpty', 'user', ['spaces in the org']),
};

const BY_KIND: Record<DomainError['kind'], Row> = {
  not_found: () => new CfError('NotFound'),
  forbidden: () => new CfError('NotAuthorized'),
  unauthenticated: () => new CfError('InvalidAuthToken'),
  invalid: () => new CfError('InvalidRequest'),
  conflict: () => new CfError('InvalidRequest'),
  unavailable: () => new CfError('ServiceUnavailable', 'Service unavailable'),
};

/** Errors express raises for a request it cannot read (a malformed URI, say) carry a 4xx status. */
const isClientHttpError = (e: unknown) => {
  const status = (e as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
};

/** The v2 error for any error; null for an unexpected one (a server fault). */
export function toV2Error(error: unknown, req?: Request): CfError | null {
  if (error instanceof CfError) return error;
  if (isClientHttpError(error)) return new CfError('InvalidRequest');
  if (!isDomainError(error)) return null;
  return (V2_TABLE[error.code] ?? BY_KIND[error.kind])(error.params, req);
}
