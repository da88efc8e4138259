// Golem's token API: create, list, read and revoke the opaque API tokens of an account (a user guid). The secret
// is shown once, when the token is made; it then works as a bearer token or a GOLEM_SESSION cookie.
import type { Request } from 'express';
import { presentApiToken } from '../presenters/presentApiToken';
import { parseBody } from '../parseRequest';
import { actorOf, ok, type Add } from '../routes';
import { ApiTokenCreationBody } from '../schemas';

const TOKENS = '/v1/accounts/:account_id/tokens';
const account = (req: Request) => String(req.params.account_id);
const tokenId = (req: Request) => String(req.params.token_id);

export function apiTokenRoutes(add: Add) {
  add('get', TOKENS, async (req, core) => ok((await core.listApiTokens(actorOf(req), account(req))).map(presentApiToken)));
  add('post', TOKENS, async (req, core) => {
    const { expiresAt } = parseBody(ApiTokenCreationBody, req.body);
    const { secret, token } = await core.createApiToken(actorOf(req), account(req), expiresAt);
    return ok({ data: presentApiToken(token), secret: { value: secret } });
  });
  add('get', `${TOKENS}/:token_id`, async (req, core) => ok(presentApiToken(await core.getApiToken(actorOf(req), account(req), tokenId(req)))));
  add('delete', `${TOKENS}/:token_id`, async (req, core) => {
    await core.revokeApiToken(actorOf(req), account(req), tokenId(req));
    return ok({});
  });
}
