// What the UAA dialect needs from the identity service (composed in src/gateway.ts).
import type { AccessTokenInput, OAuthClient } from '../../src/core/credentials';
import type { TokenVerification } from '../../src/http/authenticate';

export type { OAuthClient };

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
