// The embedded UAA's OpenAPI description: the token endpoint, verification keys, login information, user info, SCIM
// users and refresh-token revocation, with UAA's error bodies. Routes are read from the router
// (src/ops/openApiDocument.ts).
import { z } from 'zod';
import type { DialectDoc, OperationDoc } from '../../src/http/apiDoc';
import { PasswordChangeBody, ScimUserBody, SearchQuery } from './schemas';

export const UaaErrorBody = z
  .looseObject({ error: z.string(), error_description: z.string(), message: z.string().optional() })
  .meta({ description: 'UAA’s error body (SCIM errors add `message`)' });

/** The token form as UAA reads it (the handler reads it member by member; credentials only in the body). */
const TokenForm = z.object({
  grant_type: z.enum(['password', 'refresh_token', 'client_credentials']),
  username: z.string().optional(),
  password: z.string().optional(),
  refresh_token: z.string().optional(),
  client_id: z.string().optional().meta({ description: 'when the client does not authenticate with HTTP Basic' }),
  client_secret: z.string().optional(),
  scope: z.string().optional(),
  login_hint: z.string().optional().meta({ description: '`{"origin":"uaa"}`' }),
});
const tokens = z.object({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  refresh_token: z.string().optional(),
  expires_in: z.number().int(),
  scope: z.string(),
  jti: z.string(),
});
const key = z.looseObject({ kty: z.string(), alg: z.string().optional(), kid: z.string().optional(), value: z.string().optional() });
const scimUser = z.looseObject({
  id: z.string(),
  userName: z.string(),
  meta: z.looseObject({ version: z.number().int(), created: z.string(), lastModified: z.string() }),
  emails: z.array(z.looseObject({ value: z.string() })),
  groups: z.array(z.looseObject({ value: z.string(), display: z.string() })),
  active: z.boolean(),
  origin: z.string(),
  schemas: z.array(z.string()),
});
const ok = (schema: z.ZodType, description = 'OK') => ({ '200': { description, schema } });
const EMPTY = { '200': { description: 'OK' } };

const TOKEN = 'Tokens';
const SCIM = 'SCIM users';
const DISCOVERY = 'Discovery';

const OPERATIONS: Record<string, OperationDoc> = {
  'post /oauth/token': {
    summary: 'Get tokens (password, refresh_token or client_credentials grant)',
    description: 'Clients authenticate with HTTP Basic (`cf:` for the cf CLI) or `client_id` in the form.',
    tags: [TOKEN],
    open: true,
    body: TokenForm,
    bodyContentType: 'application/x-www-form-urlencoded',
    headers: { Authorization: 'HTTP Basic client credentials, e.g. `Basic Y2Y6` (cf:)' },
    responses: ok(tokens),
  },
  'delete /oauth/token/revoke/:tokenId': { summary: 'Revoke a refresh token', tags: [TOKEN], responses: EMPTY },
  'get /oauth/token/revoke/user/:userId': { summary: 'Revoke every refresh token of a user', tags: [TOKEN], responses: EMPTY },
  'get /token_keys': { summary: 'The keys tokens are verified with', tags: [DISCOVERY], open: true, responses: ok(z.looseObject({ keys: z.array(key) })) },
  'get /token_key': { summary: 'The key tokens are verified with', tags: [DISCOVERY], open: true, responses: ok(key) },
  'get /login': { summary: 'Login information and prompts', tags: [DISCOVERY], open: true, responses: ok(z.looseObject({ prompts: z.record(z.string(), z.unknown()) })) },
  'get /userinfo': { summary: 'The caller', tags: [DISCOVERY], responses: ok(z.looseObject({ user_id: z.string(), user_name: z.string() })) },
  'post /userinfo': { summary: 'The caller', tags: [DISCOVERY], responses: ok(z.looseObject({ user_id: z.string(), user_name: z.string() })) },
  'post /Users': {
    summary: 'Create a user',
    tags: [SCIM],
    body: ScimUserBody,
    responses: { '201': { description: 'Created', schema: scimUser, headers: { ETag: 'the version' } } },
  },
  'get /Users': {
    summary: 'Search users',
    tags: [SCIM],
    query: SearchQuery,
    responses: ok(
      z.object({
        resources: z.array(z.looseObject({})),
        startIndex: z.number().int(),
        itemsPerPage: z.number().int(),
        totalResults: z.number().int(),
        schemas: z.array(z.string()),
      }),
    ),
  },
  'get /Users/:id': { summary: 'Get a user', tags: [SCIM], responses: ok(scimUser) },
  'delete /Users/:id': { summary: 'Delete a user', tags: [SCIM], responses: ok(scimUser, 'The user as it was deleted') },
  'put /Users/:id/password': {
    summary: 'Change a password',
    tags: [SCIM],
    body: PasswordChangeBody,
    responses: ok(z.object({ status: z.string(), message: z.string() })),
  },
};

export const uaaApiDoc: DialectDoc = {
  dialect: 'uaa',
  title: 'UAA (embedded)',
  version: '77.0.0',
  description: 'The embedded UAA: OAuth2 tokens for the cf CLI and other clients, verification keys and SCIM users.',
  error: UaaErrorBody,
  security: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'an access token from POST /oauth/token' } },
  tags: { [TOKEN]: 'OAuth2 tokens', [DISCOVERY]: 'Keys, login information and the caller', [SCIM]: 'SCIM users' },
  operation(method, path) {
    return OPERATIONS[`${method} ${path}`] ?? { responses: ok(z.looseObject({})) };
  },
};

export const describedUaaRoutes = Object.keys(OPERATIONS);
