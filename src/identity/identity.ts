// Identity, composed: embedded mode (the default) issues UAA-compatible tokens here; external mode (UAA_URL) sends
// clients to that UAA and verifies its tokens against UAA_URL/token_keys.
import type { KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Core } from '../core/core';
import type { CredentialScheme, TokenVerification } from '../http/authenticate';
import { apiTokenScheme } from './apiTokenScheme';
import { bootstrapAdmin } from './bootstrap';
import { oauthClients } from './clients';
import { createLogin, type Login } from './login';
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
  /**
   * logging in: `passwordLogin` checks the passwords kept in this database in both modes (in external mode users
   * are managed in that UAA, so there are normally none); `requestToken` works in embedded mode only
   */
  login: Login;
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
      login: createLogin(core, { ready: Promise.resolve(), clients: [], refreshTokenTtlSeconds: config.refreshTokenTtlSeconds }),
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
  const localKeys = () =>
    (keys ??= key()
      .then((k) => new Map([[k.kid, k.publicKey]]))
      .catch((err: unknown) => {
        keys = undefined;
        throw err;
      }));
  // the key pair is made on first use (first token issued, first RS256 token seen, or /token_keys read)
  const ready = bootstrapAdmin(core, config, logger);
  ready.catch((err: unknown) => logger.error({ err }, 'identity setup failed'));
  const hs256Secret = config.jwtSecret ?? localSecret(config.databaseUrl);
  const issuer = createTokenIssuer(key, { publicUrl: config.publicUrl, ttlSeconds: config.accessTokenTtlSeconds });
  const clients = oauthClients(config);
  return {
    mode: 'embedded',
    loginUrl: config.publicUrl,
    verification: combinedVerification({ hs256Secret, localKeys, jwksUrl: config.jwksUrl }),
    hs256Secret,
    ready,
    schemes,
    issuer,
    login: createLogin(core, { ready, issuer, clients, refreshTokenTtlSeconds: config.refreshTokenTtlSeconds }),
  };
}
