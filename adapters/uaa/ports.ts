// What the UAA dialect needs from the identity service (composed in src/gateway.ts).
import type { LoginPort } from '../../src/core/login';
import type { TokenVerification } from '../../src/http/authenticate';

/** The verification keys, as `GET /token_keys` publishes them. */
export interface TokenKeys {
  tokenKeys(): Promise<{ keys: Record<string, unknown>[] }>;
}

export interface UaaOptions {
  publicUrl: string;
  verification: TokenVerification;
  /** client authentication, grants and token issuing (src/identity/login.ts) */
  login: LoginPort;
  keys: TokenKeys;
}
