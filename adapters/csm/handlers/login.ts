// POST /csm/login and POST /csm/logout: sessions with an opaque Authentication-Token.
import type { Request } from 'express';
import type { Core } from '../../../src/core/core';
import type { LoginPort } from '../../../src/core/login';
import type { Reply } from '../../../src/http/route';
import { TOKEN_HEADER, tokenOf } from '../session';

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** The password check (and brute-force limits) every login shares, then a session. */
export async function login(req: Request, core: Core, loginPort: LoginPort): Promise<Reply> {
  const body = (req.body !== null && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
  const { user } = await loginPort.passwordLogin({ username: text(body.username), password: text(body.password), address: req.ip ?? null });
  const { secret } = await core.openSession(user);
  return { status: 200, headers: { [TOKEN_HEADER]: secret }, body: [] };
}

export async function logout(req: Request, core: Core): Promise<Reply> {
  await core.closeSession(tokenOf(req.get(TOKEN_HEADER)));
  return { status: 200, body: [] };
}
