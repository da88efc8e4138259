// How bearer JWTs are verified: HS256 with a shared secret, or RS256 against a UAA key set.
import { createSecretKey, KeyObject, randomBytes, type webcrypto } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRemoteJWKSet } from 'jose';
import type { GetVerificationKey } from 'express-jwt';
import type { TokenVerification } from '../http/authenticate';

/** RS256 verification against a JWKS endpoint (cached by jose, refetched on an unknown kid). */
export function jwksVerification(url: string): TokenVerification {
  const jwks = createRemoteJWKSet(new URL(url), { cacheMaxAge: 10 * 60_000, cooldownDuration: 5_000 });
  return {
    algorithms: ['RS256'],
    secret: async (_req, token) => {
      const key = await jwks(token!.header as never);
      return key instanceof KeyObject ? key : KeyObject.from(key as webcrypto.CryptoKey);
    },
  };
}

export const hs256Verification = (secret: string): TokenVerification => ({
  algorithms: ['HS256'],
  secret: createSecretKey(Buffer.from(secret, 'utf8')),
});

export interface VerificationSources {
  /** HS256 with this secret (configured, or generated locally) */
  hs256Secret?: string;
  /** RS256 with the embedded keys, by kid */
  localKeys?: () => Promise<Map<string, KeyObject>>;
  /** RS256 with a remote UAA key set, for kids the local keys do not know */
  jwksUrl?: string;
}

/**
 * Verification from any mix of sources. A single HS256 secret stays a bare KeyObject (express-jwt's fast path);
 * with several sources the key is picked by the token's `alg` and `kid`, and is always a prepared KeyObject, so
 * no verification ever parses a key from a string.
 */
export function combinedVerification(sources: VerificationSources): TokenVerification {
  const hs = sources.hs256Secret ? hs256Verification(sources.hs256Secret) : undefined;
  const remote = sources.jwksUrl ? jwksVerification(sources.jwksUrl) : undefined;
  if (hs && !sources.localKeys && !remote) return hs;
  if (remote && !hs && !sources.localKeys) return remote;
  const hsKey = hs?.secret as KeyObject | undefined;
  const remoteKey = remote?.secret as GetVerificationKey | undefined;
  const algorithms: TokenVerification['algorithms'] = [...(hsKey ? (['HS256'] as const) : []), ...(sources.localKeys || remoteKey ? (['RS256'] as const) : [])];
  return {
    algorithms,
    secret: async (req, token) => {
      const header = (token?.header ?? {}) as { alg?: string; kid?: string };
      if (header.alg === 'HS256' && hsKey) return hsKey;
      if (header.alg === 'RS256') {
        const local = sources.localKeys ? await sources.localKeys() : undefined;
        const byKid = local && (header.kid ? local.get(header.kid) : local.size === 1 ? [...local.values()][0] : undefined);
        if (byKid) return byKid;
        if (remoteKey) return remoteKey(req, token);
      }
      throw new Error('no verification key for this token');
    },
  };
}

/**
 * The HS256 secret when none is configured: generated once and kept beside the database (in memory for an
 * in-memory database), so that `npm run token` can mint tokens the server accepts. None on PostgreSQL: replicas on
 * several machines would each make their own, so HS256 there needs JWT_SECRET (the same on every replica); the
 * embedded RS256 key lives in the database and is shared.
 */
export function localSecret(databaseUrl: string): string | undefined {
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) return undefined;
  if (databaseUrl === ':memory:') return randomBytes(32).toString('base64url');
  const file = localSecretFile(databaseUrl);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}

export const localSecretFile = (databaseUrl: string) => path.join(path.dirname(path.resolve(databaseUrl)), 'jwt-secret');
