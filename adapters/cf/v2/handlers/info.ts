import type { Request } from 'express';
import type { Reply } from '../../../../src/http/route';

export const CC_V2_VERSION = '2.293.0';

export interface InfoOptions {
  /** where clients log in: this gateway in embedded mode, UAA_URL in external mode */
  loginUrl: string;
}

/** `GET /v2/info`, served without authentication; `user` only for a caller with a valid token. */
export const getInfo =
  ({ loginUrl }: InfoOptions) =>
  (req: Request): Reply => ({
    status: 200,
    body: {
      name: 'sharegate',
      build: '',
      support: '',
      version: 2,
      description: 'sharegate: Cloud Foundry, BMC CLM and environment-share APIs over one core',
      authorization_endpoint: loginUrl,
      token_endpoint: loginUrl,
      min_cli_version: null,
      min_recommended_cli_version: null,
      app_ssh_endpoint: null,
      app_ssh_host_key_fingerprint: null,
      app_ssh_oauth_client: null,
      doppler_logging_endpoint: null,
      api_version: CC_V2_VERSION,
      osbapi_version: '2.15',
      ...(req.actor ? { user: req.actor.userGuid } : {}),
    },
  });
