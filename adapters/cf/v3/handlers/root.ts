import type { Router } from 'express';
import { route } from '../../../../src/http/route';
import type { Links } from '../../links';
import { renderV3Error } from '../renderError';

export const CC_V3_VERSION = '3.228.0';

export interface RootOptions {
  links: Links;
  /** where clients log in: this gateway in embedded mode, UAA_URL in external mode */
  loginUrl: string;
  /** extra root links appended by other dialects (cloud_controller_v2) */
  extraLinks?: () => Record<string, unknown>;
}

/** The resources of CC's v3 root that sharegate serves, in CC's order (app/controllers/v3/root_controller.rb). */
const V3_RESOURCES = [
  'audit_events',
  'feature_flags',
  'info',
  'isolation_segments',
  'organizations',
  'organization_quotas',
  'roles',
  'service_brokers',
  'service_instances',
  'service_credential_bindings',
  'service_offerings',
  'service_plans',
  'service_route_bindings',
  'spaces',
  'users',
];

/** `GET /`, `GET /v3` and `GET /v3/info`: discovery, served without authentication. */
export function rootRoutes(router: Router, { links, loginUrl, extraLinks }: RootOptions) {
  router.get(
    '/',
    route(renderV3Error, () => ({
      status: 200,
      body: {
        links: {
          self: links.href(''),
          // other API versions this server speaks (cloud_controller_v2), where Cloud Controller's root lists them
          ...(extraLinks?.() ?? {}),
          cloud_controller_v3: { ...links.href('/v3'), meta: { version: CC_V3_VERSION } },
          network_policy_v0: null,
          network_policy_v1: null,
          login: { href: loginUrl },
          uaa: { href: loginUrl },
          credhub: null,
          routing: null,
          logging: null,
          log_cache: null,
          log_stream: null,
          app_ssh: null,
        },
      },
    })),
  );
  router.get(
    '/v3',
    route(renderV3Error, () => ({
      status: 200,
      body: { links: Object.fromEntries([['self', links.href('/v3')], ...V3_RESOURCES.map((r) => [r, links.href(`/v3/${r}`)])]) },
    })),
  );
  router.get(
    '/v3/info',
    route(renderV3Error, () => ({
      status: 200,
      body: {
        build: '',
        // CC renders unset info settings as empty strings
        cli_version: { minimum: '', recommended: '' },
        custom: {},
        description: 'sharegate: Cloud Foundry, BMC CLM and environment-share APIs over one core',
        name: 'sharegate',
        version: 0,
        osbapi_version: '2.15',
        links: { self: links.href('/v3/info'), support: { href: '' } },
      },
    })),
  );
}
