// POST /csm/login and POST /csm/logout: sessions with an opaque Authentication-Token.
import type { Request } from 'express';
import type { Core } from '../../../src/core/core';
import { invalid } from '../../../src/core/errors';
import type { Reply } from '../../../src/http/route';
import { TOKEN_HEADER, tokenOf } from '../session';

export async function login(req: Request, core: Core): Promise<Reply> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const { username, password } = body;
  if (typeof username !== 'string' || typeof password !== 'string' || username === '' || password === '') throw invalid('auth.login_params');
  const user = await core.checkPassword({ username, password, address: req.ip ?? null });
  const { secret } = await core.openSession(user);
  return { status: 200, headers: { [TOKEN_HEADER]: secret }, body: [] };
}

export async function logout(req: Request, core: Core): Promise<Reply> {
  await core.closeSession(tokenOf(req.get(TOKEN_HEADER)));
  return { status: 200, body: [] };
}
