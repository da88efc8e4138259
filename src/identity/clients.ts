// The OAuth clients the embedded token endpoint knows: `cf` (public, empty secret, as the cf CLI and cf-client
// use it) and, when ADMIN_CLIENT_SECRET is set, `admin` for client_credentials.
import { SCOPES } from '../core/actor';
import { ADMIN_SCOPES, DEFAULT_USER_SCOPES, type OAuthClient } from '../core/credentials';

export type { OAuthClient };
import type { Config } from '../config';

export function oauthClients(config: Config): OAuthClient[] {
  const everything = [...new Set([...DEFAULT_USER_SCOPES, ...ADMIN_SCOPES, SCOPES.adminReadOnly, SCOPES.globalAuditor, 'tokens.revoke'])];
  const clients: OAuthClient[] = [{ id: 'cf', secret: '', grantTypes: ['password', 'refresh_token'], scopes: everything, authorities: [] }];
  if (config.adminClientSecret) {
    clients.push({
      id: 'admin',
      secret: config.adminClientSecret,
      grantTypes: ['client_credentials'],
      scopes: [],
      authorities: [SCOPES.admin, SCOPES.read, SCOPES.write, 'scim.read', 'scim.write', 'uaa.admin', 'clients.read', 'tokens.revoke'],
    });
  }
  return clients;
}
