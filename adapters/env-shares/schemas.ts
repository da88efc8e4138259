// zod schemas of the env-shares request bodies (Golem's EnvironmentShareCreation, EnvironmentShareUpdate and
// TokenCreation).
import { z } from 'zod';
import { ENV_ROLES } from './environmentRoles';
import { UUID } from './parseRequest';

const accountId = z
  .string()
  .regex(UUID)
  .transform((s) => s.toLowerCase());
const roles = z.array(z.enum(ENV_ROLES));

export const EnvironmentShareCreationBody = z.object({ granteeAccountId: accountId, roles });
export const EnvironmentShareUpdateBody = z.object({ currentRevision: z.number().int().min(0), roles });

/** `expiresAt`: an ISO 8601 date-time with an offset, as epoch milliseconds. */
export const ApiTokenCreationBody = z.object({
  expiresAt: z.iso
    .datetime({ offset: true, abort: true })
    .refine((v) => !Number.isNaN(Date.parse(v)), 'not a valid date-time')
    .transform((v) => Date.parse(v)),
});
