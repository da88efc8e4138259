// Signs UAA-shaped access tokens with the HS256 secret (local use and tests).
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { SCOPES } from '../core/actor';

export interface MintInput {
  userGuid?: string;
  username: string;
  scopes?: string[];
  admin?: boolean;
  ttlSeconds?: number;
  clientId?: string;
  origin?: string;
}

/** A stable guid for a user name, so repeated tokens for the same name are the same user. */
export function guidForUsername(username: string): string {
  const h = createHash('sha1').update(`sharegate-user:${username}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export async function mintHs256Token(secret: string, input: MintInput): Promise<string> {
  const scopes = input.scopes ?? [SCOPES.read, SCOPES.write, ...(input.admin ? [SCOPES.admin] : []), 'openid'];
  const userGuid = input.userGuid ?? guidForUsername(input.username);
  const clientId = input.clientId ?? 'cf';
  return new SignJWT({
    user_id: userGuid,
    user_name: input.username,
    origin: input.origin ?? 'uaa',
    scope: scopes,
    client_id: clientId,
    cid: clientId,
    grant_type: 'password',
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userGuid)
    .setIssuedAt()
    .setExpirationTime(`${input.ttlSeconds ?? 3600}s`)
    .sign(Buffer.from(secret, 'utf8'));
}
