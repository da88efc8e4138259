// Cloud Controller's error catalogue (errors/v2.yml and v3.yml): name -> code, HTTP status, message template.
export const CF_ERRORS = {
  InvalidAuthToken: { code: 1000, status: 401, message: 'Invalid Auth Token' },
  MessageParseError: { code: 1001, status: 400, message: 'Request invalid due to parse error: %s' },
  InvalidRelation: { code: 1002, status: 400, message: '%s' },
  BadRequest: { code: 1004, status: 400, message: 'Bad request: %s' },
  NotFound: { code: 10000, status: 404, message: 'Unknown request' },
  ServerError: { code: 10001, status: 500, message: 'An unknown error occurred.' },
  NotAuthenticated: { code: 10002, status: 401, message: 'Authentication error' },
  NotAuthorized: { code: 10003, status: 403, message: 'You are not authorized to perform the requested action' },
  InvalidRequest: { code: 10004, status: 400, message: 'The request is invalid' },
  BadQueryParameter: { code: 10005, status: 400, message: 'The query parameter is invalid: %s' },
  UnprocessableEntity: { code: 10008, status: 422, message: '%s' },
  ResourceNotFound: { code: 10010, status: 404, message: '%s' },
  RateLimitExceeded: { code: 10013, status: 429, message: 'Rate Limit Exceeded' },
  ServiceUnavailable: { code: 10015, status: 503, message: '%s' },
  RateLimitV2APIExceeded: { code: 10018, status: 429, message: 'Rate Limit of V2 API Exceeded. Please consider using the V3 API' },
  OrgSuspended: { code: 10017, status: 403, message: 'The organization is suspended' },
  SpaceSuspended: { code: 10019, status: 403, message: 'The space is suspended' },
  ResourceBeingDeleted: { code: 10020, status: 422, message: 'The %s is being deleted' },
  InsufficientScope: { code: 10007, status: 403, message: 'Your token lacks the necessary scopes to access this resource.' },
  AssociationNotEmpty: { code: 10006, status: 400, message: 'Please delete the %s associations for your %s.' },
  // CC answers 500; here it is the client's error (400), as no request may yield a 500
  OrderByParameterInvalid: { code: 10012, status: 400, message: 'Cannot order by: %s' },
  UserInvalid: { code: 20001, status: 400, message: 'The user info is invalid: %s' },
  UaaIdTaken: { code: 20002, status: 400, message: 'The UAA ID is taken: %s' },
  OrganizationInvalid: { code: 30001, status: 400, message: 'The organization info is invalid: %s' },
  OrganizationNameTaken: { code: 30002, status: 400, message: 'The organization name is taken: %s' },
  SpaceInvalid: { code: 40001, status: 400, message: 'The app space info is invalid: %s' },
  NonrecursiveSpaceDeletionFailed: { code: 290011, status: 400, message: 'Resource inside space %s must first be deleted, or specify recursive delete.' },
  UserNotFound: { code: 20003, status: 404, message: 'The user could not be found: %s' },
  UaaUnavailable: { code: 20004, status: 503, message: 'The UAA service is currently unavailable' },
  UserIsInMultipleOrigins: { code: 20006, status: 400, message: 'The user exists in multiple origins. Specify an origin for the requested user from: %s' },
  UserWithOriginNotFound: { code: 20007, status: 404, message: 'The user could not be found, %s' },
  OrganizationNotFound: { code: 30003, status: 404, message: 'The organization could not be found: %s' },
  SpaceNameTaken: { code: 40002, status: 400, message: 'The app space name is taken: %s' },
  SpaceNotFound: { code: 40004, status: 404, message: 'The app space could not be found: %s' },
  ServiceInstanceNameEmpty: { code: 60001, status: 400, message: 'Service instance name is required.' },
  ServiceInstanceNameTaken: { code: 60002, status: 400, message: 'The service instance name is taken: %s' },
  ServiceInstanceInvalid: { code: 60003, status: 400, message: 'The service instance is invalid: %s' },
  ServiceInstanceQuotaExceeded: { code: 60005, status: 400, message: "You have exceeded your organization's services limit." },
  ServiceInstanceNameTooLong: { code: 60009, status: 400, message: 'You have requested an invalid service instance name. Names are limited to 255 characters.' },
  ServiceInstanceSpaceChangeNotAllowed: { code: 60014, status: 400, message: 'Cannot update space for service instance.' },
  ServiceInstanceTagsTooLong: { code: 60015, status: 400, message: 'Combined length of tags for service %s must be 2048 characters or less.' },
  ServiceInstanceRouteServiceURLInvalid: { code: 60019, status: 400, message: 'The route service URL is invalid: %s' },
  ServicePlanInvalid: { code: 110001, status: 400, message: 'The service plan is invalid: %s' },
  ServicePlanNotFound: { code: 110003, status: 404, message: 'The service plan could not be found: %s' },
  ServiceNotFound: { code: 120003, status: 404, message: 'The service could not be found: %s' },
  EventNotFound: { code: 230002, status: 404, message: 'Event could not be found: %s' },
  QuotaDefinitionNotFound: { code: 240001, status: 404, message: 'Quota Definition could not be found: %s' },
  SpaceQuotaDefinitionNotFound: { code: 310007, status: 404, message: 'Space Quota Definition could not be found: %s' },
  FeatureFlagNotFound: { code: 330000, status: 404, message: 'The feature flag could not be found: %s' },
  FeatureFlagInvalid: { code: 330001, status: 400, message: 'The feature flag is invalid: %s' },
  UserProvidedServiceInstanceNotFound: { code: 340001, status: 404, message: 'The service instance could not be found: %s' },
  UserProvidedServiceInstanceHandlerNeeded: { code: 340002, status: 400, message: 'Please use the User Provided Services API to manage this resource.' },
  ServiceInstanceDeletionSharesExists: {
    code: 390002,
    status: 422,
    message:
      'Service instances must be unshared before they can be deleted. Unsharing %s will automatically delete any bindings that have been made to applications in other spaces.',
  },
  SharedServiceInstanceCannotBeRenamed: { code: 390003, status: 422, message: 'Service instances that have been shared cannot be renamed' },
  SharedServiceInstanceNotUpdatableInTargetSpace: { code: 390004, status: 403, message: 'You cannot update service instances that have been shared with you' },
  SharedServiceInstanceNotDeletableInTargetSpace: { code: 390005, status: 403, message: 'You cannot delete service instances that have been shared with you' },
  ServiceInstanceNotFound: { code: 60004, status: 404, message: 'The service instance could not be found: %s' },
  AsyncServiceInstanceOperationInProgress: { code: 60016, status: 409, message: 'An operation for service instance %s is in progress.' },
  ServiceFetchInstanceParametersNotSupported: { code: 120004, status: 400, message: 'This service does not support fetching service instance parameters.' },
  FeatureDisabled: { code: 330002, status: 403, message: 'Feature Disabled: %s' },
  MaintenanceInfoConflict: {
    code: 390009,
    status: 422,
    message: 'maintenance_info.version requested is invalid. Please ensure the catalog is up to date and you are providing a version supported by this service plan.',
  },
} as const;

export type CfErrorName = keyof typeof CF_ERRORS;

/** An error of the CF wire format, raised by adapters (request validation) and produced from domain errors. */
export class CfError extends Error {
  constructor(
    readonly cfName: CfErrorName,
    readonly arg?: string,
    /** further arguments, for messages with several %s (AssociationNotEmpty) */
    readonly more: string[] = [],
  ) {
    super(cfName);
  }
  get status(): number {
    return CF_ERRORS[this.cfName].status;
  }
  get detail(): string {
    let i = 0;
    const args = [this.arg ?? '', ...this.more];
    return CF_ERRORS[this.cfName].message.replace(/%s/g, () => args[i++] ?? '');
  }
}

export const unprocessable = (detail: string) => new CfError('UnprocessableEntity', detail);
export const badQuery = (detail: string) => new CfError('BadQueryParameter', detail);
