// SCIM user management as UAA serves it: enough for `cf create-user`, cf-client's UsersUAA and scripts.
import type { Request } from 'express';
import type { z } from 'zod';
import type { Core } from '../../../src/core/core';
import type { Reply } from '../../../src/http/route';
import { pickAttributes, presentScimUser, SCIM_SCHEMAS } from '../presentScimUser';
import { PasswordChangeBody, ScimUserBody, SearchQuery } from '../schemas';
import { FilterError, parseUserFilter } from '../scimFilter';
import { UaaError } from '../renderError';

const etag = { ETag: '"0"' };

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.join('.') || 'body';
  throw new UaaError(400, 'invalid_scim_resource', `Invalid ${where}: ${issue.message}`);
}

const param = (req: Request, name: string) => String(req.params[name]);

export function scimHandlers(core: Core) {
  return {
    async create(req: Request): Promise<Reply> {
      const body = parse(ScimUserBody, req.body);
      const user = await core.registerAccount(req.actor!, {
        username: body.userName ?? '',
        password: body.password,
        origin: body.origin,
        email: body.emails?.find((e) => e.primary)?.value ?? body.emails?.[0]?.value ?? null,
      });
      return { status: 201, headers: etag, body: presentScimUser(user) };
    },

    async list(req: Request): Promise<Reply> {
      const q = parse(SearchQuery, req.query);
      let filter;
      try {
        filter = parseUserFilter(q.filter);
      } catch (e) {
        if (e instanceof FilterError) throw new UaaError(400, 'scim', `Invalid filter expression: [${q.filter}] [created]`);
        throw e;
      }
      const startIndex = Math.max(1, q.startIndex ?? 1);
      const count = Math.min(Math.max(q.count ?? 100, 0), 500);
      const page = await core.listAccounts(req.actor!, filter.store, filter.matches, startIndex - 1, count);
      const attributes = q.attributes?.split(',').filter((a) => a.trim() !== '');
      const resources = page.items.map((u) => (attributes?.length ? pickAttributes(presentScimUser(u), attributes) : presentScimUser(u)));
      return { status: 200, body: { resources, startIndex, itemsPerPage: count, totalResults: page.total, schemas: SCIM_SCHEMAS } };
    },

    async get(req: Request): Promise<Reply> {
      return { status: 200, headers: etag, body: presentScimUser(await core.getAccount(req.actor!, param(req, 'id'))) };
    },

    async remove(req: Request): Promise<Reply> {
      return { status: 200, headers: etag, body: presentScimUser(await core.removeAccount(req.actor!, param(req, 'id'))) };
    },

    async changePassword(req: Request): Promise<Reply> {
      const body = parse(PasswordChangeBody, req.body);
      await core.changePassword(req.actor!, param(req, 'id'), { oldPassword: body.oldPassword, password: body.password ?? '' }, req.ip ?? null);
      return { status: 200, body: { status: 'ok', message: 'password updated' } };
    },
  };
}
