// The dialect of a request, from its path prefix (one table in src/http/dialect.ts): what metrics, usage, logs and
// deprecation headers label a request with. Matched case-insensitively, as express routes.
import { dialectOf } from '../../src/http/dialect';

describe('dialect of a request path', () => {
  it.each([
    ['/', 'cf-v3'],
    ['/v3', 'cf-v3'],
    ['/v3/service_instances/abc?include=space', 'cf-v3'],
    ['/v2/info', 'cf-v2'],
    ['/csm/ServiceOfferingInstance/share', 'csm'],
    ['/v1/envs/e1/shares', 'env-shares'],
    ['/oauth/token', 'uaa'],
    ['/Users/u1/password', 'uaa'],
    ['/Groups', 'uaa'],
    ['/token_keys', 'uaa'],
    ['/token_key', 'uaa'],
    ['/login', 'uaa'],
    ['/userinfo', 'uaa'],
    ['/v3x/anything', 'other'],
    ['/v22/info', 'other'],
    ['/users', 'uaa'],
    ['/V2/info', 'cf-v2'],
    ['/CSM/serviceofferinginstance/share', 'csm'],
    ['/userinfos', 'other'],
    ['/metrics', 'other'],
    ['/admin/usage', 'other'],
    ['/?v3', 'cf-v3'],
  ])('%s is %s', (path, dialect) => {
    expect(dialectOf(path)).toBe(dialect);
  });
});
