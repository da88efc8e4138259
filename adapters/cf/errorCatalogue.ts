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
  ) {
    super(cfName);
  }
  get status(): number {
    return CF_ERRORS[this.cfName].status;
  }
  get detail(): string {
    return CF_ERRORS[this.cfName].message.replace('%s', this.arg ?? '');
  }
}

export const unprocessable = (detail: string) => new CfError('UnprocessableEntity', detail);
export const badQuery = (detail: string) => new CfError('BadQueryParameter', detail);
