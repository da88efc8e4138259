// The env-shares dialect's OpenAPI description (Golem Cloud's registry API for environment shares, and its token
// API): the zod schemas its handlers parse with (schemas.ts), the shapes it answers and Golem's error bodies.
import { z } from 'zod';
import type { DialectDoc, OperationDoc } from '../../src/http/apiDoc';
import { ENV_ROLES } from './environmentRoles';
import { ApiTokenCreationBody, EnvironmentShareCreationBody, EnvironmentShareUpdateBody } from './schemas';

export const EnvSharesError = z
  .union([z.object({ code: z.string(), error: z.string() }), z.object({ code: z.string(), errors: z.array(z.string()) })])
  .meta({ description: 'Golem’s error body: `{code, error}`, or `{code, errors}` for a request that fails validation' });

const share = z.object({ id: z.string(), revision: z.number().int(), environmentId: z.string(), granteeAccountId: z.string(), roles: z.array(z.enum(ENV_ROLES)) });
const token = z.object({ id: z.string(), accountId: z.string(), createdAt: z.string(), expiresAt: z.string() });
const ok = (schema: z.ZodType, description = 'OK') => ({ '200': { description, schema } });

const SHARES = 'Environment shares';
const TOKENS = 'API tokens';
const SHARE = '/v1/environment-shares/:environment_share_id';

const OPERATIONS: Record<string, OperationDoc> = {
  'get /v1/envs/:environment_id/shares': {
    summary: 'List the shares of an environment',
    tags: [SHARES],
    params: { environment_id: 'the environment (a space guid)' },
    responses: ok(z.object({ values: z.array(share) })),
  },
  'post /v1/envs/:environment_id/shares': {
    summary: 'Share an environment with an account',
    tags: [SHARES],
    params: { environment_id: 'the environment (a space guid)' },
    body: EnvironmentShareCreationBody,
    responses: ok(share),
  },
  [`get ${SHARE}`]: { summary: 'Get an environment share', tags: [SHARES], responses: ok(share) },
  [`patch ${SHARE}`]: { summary: 'Replace the roles of an environment share', tags: [SHARES], body: EnvironmentShareUpdateBody, responses: ok(share) },
  [`delete ${SHARE}`]: {
    summary: 'Delete an environment share',
    tags: [SHARES],
    query: z.object({ current_revision: z.string().meta({ description: 'the revision the caller last read' }) }),
    responses: ok(share, 'The share as it was deleted'),
  },
  'get /v1/accounts/:account_id/tokens': { summary: 'List the API tokens of an account', tags: [TOKENS], responses: ok(z.array(token)) },
  'post /v1/accounts/:account_id/tokens': {
    summary: 'Create an API token (its secret is shown once)',
    tags: [TOKENS],
    body: ApiTokenCreationBody,
    responses: ok(z.object({ data: token, secret: z.object({ value: z.string() }) })),
  },
  'get /v1/accounts/:account_id/tokens/:token_id': { summary: 'Get an API token', tags: [TOKENS], responses: ok(token) },
  'delete /v1/accounts/:account_id/tokens/:token_id': { summary: 'Revoke an API token', tags: [TOKENS], responses: ok(z.object({})) },
};

export const envSharesApiDoc: DialectDoc = {
  dialect: 'env-shares',
  title: 'Environment shares',
  version: '1.0.0',
  description: 'Golem Cloud style environment shares (an environment is a space; a share gives an account roles in it) and the API tokens that call them.',
  error: EnvSharesError,
  security: {
    bearer: { type: 'http', scheme: 'bearer', description: 'a UAA access token, or an API token’s secret' },
    session: { type: 'apiKey', in: 'cookie', name: 'GOLEM_SESSION', description: 'an API token’s secret as a cookie' },
  },
  tags: { [SHARES]: 'Environment shares', [TOKENS]: 'API tokens' },
  operation(method, path) {
    return OPERATIONS[`${method} ${path}`] ?? { responses: ok(z.looseObject({})) };
  },
};

export const describedEnvSharesRoutes = Object.keys(OPERATIONS);
