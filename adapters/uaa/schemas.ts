// Request bodies of the SCIM endpoints (unknown members are ignored, as UAA's Jackson mapping does).
import { z } from 'zod';

export const ScimUserBody = z.object({
  userName: z.string().optional(),
  password: z.string().nullish(),
  origin: z.string().nullish(),
  emails: z.array(z.object({ value: z.string(), primary: z.boolean().nullish() })).nullish(),
  name: z.object({ givenName: z.string().nullish(), familyName: z.string().nullish() }).nullish(),
  active: z.boolean().nullish(),
  verified: z.boolean().nullish(),
});

export const PasswordChangeBody = z.object({
  oldPassword: z.string().nullish(),
  password: z.string().nullish(),
});

export const SearchQuery = z.object({
  filter: z.string().optional(),
  attributes: z.string().optional(),
  startIndex: z.coerce.number().int().optional(),
  count: z.coerce.number().int().optional(),
});
