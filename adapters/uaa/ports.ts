// What the UAA dialect needs from the identity service (composed in src/gateway.ts).
import type { TokenVerification } from '../../src/http/authenticate';

export interface OAuthClient {
  id: string;
  /** '' for a public client (cf) */
  secret: string;
  grantTypes: string[];
  /** scopes a user token for this client may carry */
  scopes: string[];
  /** scopes of a client_credentials token */
  authorities: string[];
}

export interface AccessTokenInput {
  clientId: string;
  grantType: string;
  scopes: string[];
  user?: { guid: string; username: string | null; origin: string | null; email: string | null };
  authTime?: number;
}

export interface TokenIssuer {
  issueAccessToken(input: AccessTokenInput): Promise<{ token: string; jti: string; expiresIn: number }>;
  tokenKeys(): Promise<{ keys: Record<string, unknown>[] }>;
}

export interface UaaOptions {
  publicUrl: string;
  verification: TokenVerification;
  /** settles once the first administrator is bootstrapped */
  ready: Promise<void>;
  issuer: TokenIssuer;
  clients: OAuthClient[];
  refreshTokenTtlSeconds: number;
}
