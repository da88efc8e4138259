// Signs UAA-shaped access tokens with the embedded RS256 key: the claims Cloud Controller and UAA clients read,
// a `kid` to find the key in /token_keys, a `jti`, and an expiry of ACCESS_TOKEN_TTL_SECONDS.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { AccessTokenInput } from '../core/credentials';
import type { SigningKey } from './signingKey';

export interface IssuedToken {
  token: string;
  jti: string;
  expiresIn: number;
}

/** UAA's audience: the resource ids named by the scopes, plus the client. */
const audienceOf = (clientId: string, scopes: string[]) => [...new Set([...scopes.map((s) => s.split('.')[0]!).filter((s) => s.length > 0), clientId])];

export function createTokenIssuer(key: () => Promise<SigningKey>, options: { publicUrl: string; ttlSeconds: number }) {
  return {
    async issueAccessToken(input: AccessTokenInput): Promise<IssuedToken> {
      const { kid, privateKey } = await key();
      const jti = randomUUID().replace(/-/g, '');
      const now = Math.floor(Date.now() / 1000);
      const user = input.user;
      const claims: Record<string, unknown> = {
        jti,
        sub: user?.guid ?? input.clientId,
        scope: input.scopes,
        client_id: input.clientId,
        cid: input.clientId,
        azp: input.clientId,
        grant_type: input.grantType,
        ...(user
          ? {
              user_id: user.guid,
              origin: user.origin ?? 'uaa',
              user_name: user.username,
              ...(user.email ? { email: user.email } : {}),
              auth_time: input.authTime ?? now,
            }
          : { authorities: input.scopes }),
        iat: now,
        exp: now + options.ttlSeconds,
        iss: `${options.publicUrl}/oauth/token`,
        zid: 'uaa',
        aud: audienceOf(input.clientId, input.scopes),
      };
      const token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', jku: `${options.publicUrl}/token_keys`, kid, typ: 'JWT' }).sign(privateKey);
      return { token, jti, expiresIn: options.ttlSeconds };
    },

    /** `GET /token_keys`: the verification keys in UAA's shape */
    async tokenKeys(): Promise<{ keys: Record<string, unknown>[] }> {
      return { keys: [(await key()).tokenKey] };
    },
  };
}

export type TokenIssuer = ReturnType<typeof createTokenIssuer>;
