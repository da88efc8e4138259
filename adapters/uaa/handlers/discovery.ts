// What clients read before and after logging in: the verification keys, the login prompts and links, and the
// caller's own user info.
import type { Request } from 'express';
import type { Core } from '../../../src/core/core';
import type { Reply } from '../../../src/http/route';
import type { UaaOptions } from '../ports';
import { UaaError } from '../renderError';

/** The UAA release whose API this dialect follows (the cf CLI checks the version for some flags). */
export const UAA_VERSION = '77.10.0';

export const tokenKeys = (options: UaaOptions) => async (): Promise<Reply> => {
  return { status: 200, body: await options.keys.tokenKeys() };
};

/** `GET /token_key`: the single (active) key. */
export const tokenKey = (options: UaaOptions) => async (): Promise<Reply> => {
  const { keys } = await options.keys.tokenKeys();
  return { status: 200, body: keys[0] };
};

/** `GET /login` (JSON): where to get tokens, and what to prompt for (the cf CLI asks for these). */
export const loginInfo = (options: UaaOptions) => (): Reply => ({
  status: 200,
  body: {
    app: { version: UAA_VERSION },
    showLoginLinks: true,
    links: { uaa: options.publicUrl, passwd: '/forgot_password', login: options.publicUrl, register: '/create_account' },
    zone_name: 'uaa',
    entityID: new URL(options.publicUrl).host,
    commit_id: 'sharegate',
    idpDefinitions: {},
    prompts: { username: ['text', 'Email'], password: ['password', 'Password'] },
    timestamp: new Date().toISOString(),
  },
});

/** `GET /userinfo`: OpenID Connect user info for a token with the openid scope. */
export const userInfo =
  (core: Core) =>
  async (req: Request): Promise<Reply> => {
    const actor = req.actor!;
    if (!actor.scopes.has('openid')) throw new UaaError(403, 'insufficient_scope', 'Insufficient scope for this resource', { scope: 'openid' });
    const user = await core.getAccount(actor, actor.userGuid);
    return {
      status: 200,
      body: {
        user_id: user.guid,
        sub: user.guid,
        user_name: user.username,
        given_name: null,
        family_name: null,
        email: user.email,
        phone_number: null,
        previous_logon_time: null,
        name: user.username,
        email_verified: user.email !== null,
      },
    };
  };
