// The embedded RS256 key pair: generated on first start and kept in the database's secrets table.
import { createPrivateKey, createPublicKey, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import type { Core } from '../core/core';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** the public key in UAA's `/token_keys` shape (JWK plus a PEM `value`) */
  tokenKey: Record<string, unknown>;
}

const SECRET_NAME = 'identity.signing_key';

async function generate(): Promise<string> {
  const privatePem = await new Promise<string>((resolve, reject) =>
    generateKeyPair('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } }, (err, _pub, priv) =>
      err ? reject(err) : resolve(priv),
    ),
  );
  return JSON.stringify({ kid: `sharegate-${randomBytes(6).toString('hex')}`, privatePem });
}

export async function loadSigningKey(core: Core): Promise<SigningKey> {
  const { kid, privatePem } = JSON.parse(await core.ensureSecret(SECRET_NAME, generate)) as { kid: string; privatePem: string };
  const privateKey = createPrivateKey(privatePem);
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: 'jwk' });
  const value = publicKey.export({ type: 'spki', format: 'pem' }).toString().trim();
  return { kid, privateKey, publicKey, tokenKey: { kty: 'RSA', e: jwk.e, use: 'sig', kid, alg: 'RS256', value, n: jwk.n } };
}
