// Identity, composed: embedded mode (the default) issues UAA-compatible tokens here; external mode (UAA_URL) sends
// clients to that UAA and verifies its tokens against UAA_URL/token_keys.
import type { KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Core } from '../core/core';
import type { CredentialScheme, TokenVerification } from '../http/authenticate';
import { apiTokenScheme } from './apiTokenScheme';
import { bootstrapAdmin } from './bootstrap';
import { oauthClients, type OAuthClient } from './clients';
import { loadSigningKey, type SigningKey } from './signingKey';
import { createTokenIssuer, type TokenIssuer } from './tokenIssuer';
import { combinedVerification, localSecret } from './verification';

export interface Identity {
  mode: 'embedded' | 'external';
  /** where clients log in and get tokens */
  loginUrl: string;
  verification: TokenVerification;
  /** the HS256 secret accepted besides RS256 (configured, or generated in embedded mode) */
  hs256Secret?: string;
  /** settles when the first administrator is bootstrapped */
  ready: Promise<void>;
  /** opaque API tokens (bearer or GOLEM_SESSION cookie), for the routers that accept them */
  schemes: CredentialScheme[];
  /** embedded mode only */
  issuer?: TokenIssuer;
  clients: OAuthClient[];
}

export function createIdentity(core: Core, config: Config, logger: Logger): Identity {
  const schemes = [apiTokenScheme(core)];
  if (config.uaaUrl) {
    const jwksUrl = config.jwksUrl ?? `${config.uaaUrl}/token_keys`;
    return {
      mode: 'external',
      loginUrl: config.uaaUrl,
      verification: combinedVerification({ hs256Secret: config.jwtSecret, jwksUrl }),
      hs256Secret: config.jwtSecret,
      ready: Promise.resolve(),
      schemes,
      clients: [],
    };
  }

  let loading: Promise<SigningKey> | undefined;
  const key = () => {
    loading ??= loadSigningKey(core).catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
    return loading;
  };
  let keys: Promise<Map<string, KeyObject>> | undefined;
  const localKeys = () => (keys ??= key().then((k) => new Map([[k.kid, k.publicKey]])).catch((err: unknown) => {
    keys = undefined;
    throw err;
  }));
  // the key pair is made on first use (first token issued, first RS256 token seen, or /token_keys read)
  const ready = bootstrapAdmin(core, config, logger);
  ready.catch((err: unknown) => logger.error({ err }, 'identity setup failed'));
  const hs256Secret = config.jwtSecret ?? localSecret(config.databaseUrl);
  return {
    mode: 'embedded',
    loginUrl: config.publicUrl,
    verification: combinedVerification({ hs256Secret, localKeys, jwksUrl: config.jwksUrl }),
    hs256Secret,
    ready,
    schemes,
    issuer: createTokenIssuer(key, { publicUrl: config.publicUrl, ttlSeconds: config.accessTokenTtlSeconds }),
    clients: oauthClients(config),
  };
}
