// How bearer JWTs are verified: HS256 with a shared secret, or RS256 against a UAA key set.
import { createSecretKey, KeyObject, randomBytes, type webcrypto } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRemoteJWKSet } from 'jose';
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

/**
 * The HS256 secret when none is configured: generated once and kept beside the database (in memory for an
 * in-memory database), so that `npm run token` can mint tokens the server accepts.
 */
export function localSecret(databaseUrl: string): string {
  if (databaseUrl === ':memory:') return randomBytes(32).toString('base64url');
  const file = localSecretFile(databaseUrl);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}

export const localSecretFile = (databaseUrl: string) => path.join(path.dirname(path.resolve(databaseUrl)), 'jwt-secret');
