// `npx tsx bench/identityCosts.ts`: per-operation costs of identity, in process: bearer verification through
// express-jwt (the HS256 KeyObject fast path, the embedded-mode resolver for HS256 and RS256), signing an access
// token, and scrypt password hashing and checking. Prints µs per operation (median of 5 runs).
import { generateKeyPairSync } from 'node:crypto';
import { expressjwt } from 'express-jwt';
import { SignJWT } from 'jose';
import { hashPassword, verifyPassword } from '../src/identity/passwords';
import { combinedVerification, hs256Verification } from '../src/identity/verification';
import type { TokenVerification } from '../src/http/authenticate';

async function perOp(n: number, fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return Number(process.hrtime.bigint() - t0) / 1000 / n;
}

async function measure(name: string, n: number, fn: () => Promise<unknown>) {
  await perOp(Math.min(n, 200), fn); // warm-up
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) runs.push(await perOp(n, fn));
  runs.sort((a, b) => a - b);
  process.stdout.write(`${name.padEnd(58)} ${runs[2]!.toFixed(1).padStart(9)} µs/op\n`);
}

function verifier(v: TokenVerification, token: string) {
  const mw = expressjwt({ secret: v.secret, algorithms: v.algorithms });
  const req = () => ({ headers: { authorization: `Bearer ${token}` }, method: 'GET' }) as never;
  return () => new Promise<void>((resolve, reject) => mw(req(), {} as never, (err?: unknown) => (err ? reject(err) : resolve())));
}

async function main() {
  const secret = 'bench-secret-0123456789abcdef';
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const claims = { user_id: 'u', user_name: 'u', origin: 'uaa', scope: ['openid', 'cloud_controller.read'], client_id: 'cf', cid: 'cf' };
  const hs = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(Buffer.from(secret));
  const rs = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setExpirationTime('1h').sign(privateKey);
  const keys = new Map([['k1', publicKey]]);
  const embedded = combinedVerification({ hs256Secret: secret, localKeys: async () => keys });

  await measure('verify HS256, bare KeyObject (HS256-only deployments)', 20_000, verifier(hs256Verification(secret), hs));
  await measure('verify HS256, embedded-mode resolver', 20_000, verifier(embedded, hs));
  await measure('verify RS256, embedded-mode resolver', 5_000, verifier(embedded, rs));
  await measure('sign an RS256 access token (jose)', 300, () => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(privateKey));
  const hash = await hashPassword('correct horse battery staple');
  await measure('scrypt hash a password (N=16384, r=8, p=1)', 10, () => hashPassword('correct horse battery staple'));
  await measure('scrypt check a password', 10, () => verifyPassword('correct horse battery staple', hash));
}

void main();
