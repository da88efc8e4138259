// zod schemas of the env-shares request bodies (Golem's EnvironmentShareCreation and EnvironmentShareUpdate).
import { z } from 'zod';
import { ENV_ROLES } from './environmentRoles';
import { UUID } from './parseRequest';

const accountId = z.string().regex(UUID).transform((s) => s.toLowerCase());
const roles = z.array(z.enum(ENV_ROLES));

export const EnvironmentShareCreationBody = z.object({ granteeAccountId: accountId, roles });
export const EnvironmentShareUpdateBody = z.object({ currentRevision: z.number().int().min(0), roles });
