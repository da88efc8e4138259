// zod schemas of the v3 request bodies, with Cloud Controller's messages where its wording is not the default.
import { z } from 'zod';
import { ROLE_TYPES } from '../../../src/core/roleTypes';
import type { Overrides } from './parseBody';

const labelMap = z.record(z.string(), z.string().max(5000).nullable());
export const MetadataBody = z.strictObject({ labels: labelMap.optional(), annotations: labelMap.optional() });
const name = z.string().min(1).max(255);
const guidRef = z.strictObject({ data: z.strictObject({ guid: z.string() }) });

export const OrganizationCreateBody = z.strictObject({ name, suspended: z.boolean().optional(), metadata: MetadataBody.optional() });
export const OrganizationUpdateBody = z.strictObject({ name: name.optional(), suspended: z.boolean().optional(), metadata: MetadataBody.optional() });

export const SpaceCreateBody = z.strictObject({ name, relationships: z.strictObject({ organization: guidRef }), metadata: MetadataBody.optional() });
export const SpaceUpdateBody = z.strictObject({ name: name.optional(), metadata: MetadataBody.optional() });
export const spaceOverrides: Overrides = {
  relationships: "Relationships 'relationships' is not an object",
  'relationships.organization': 'Relationships Organization must be structured like this: "organization: {"data": {"guid": "valid-guid"}}"',
  'relationships.organization.data': 'Relationships Organization must be structured like this: "organization: {"data": {"guid": "valid-guid"}}"',
  'relationships.organization.data.guid': 'Relationships Organization guid must be a string',
};

/** Only unknown fields and metadata here; the guid / username / origin rules are Cloud Controller's, in the handler. */
export const UserCreateBody = z.strictObject({ guid: z.unknown().optional(), username: z.unknown().optional(), origin: z.unknown().optional(), metadata: MetadataBody.optional() });
export const UserUpdateBody = z.strictObject({ metadata: MetadataBody.optional() });

const roleUser = z.strictObject({ guid: z.string().optional(), username: z.string().optional(), origin: z.string().optional() });
export const RoleCreateBody = z.strictObject({
  type: z.enum(ROLE_TYPES),
  relationships: z.strictObject({ user: z.strictObject({ data: roleUser }), space: guidRef.optional(), organization: guidRef.optional() }),
});
export const roleOverrides: Overrides = {
  type: `Type must be one of the allowed types ${JSON.stringify(ROLE_TYPES).replace(/","/g, '", "')}`,
  relationships: "Relationships 'relationships' is not an object",
};

export const FeatureFlagUpdateBody = z.strictObject({ enabled: z.boolean().optional(), custom_error_message: z.string().nullable().optional() });

const tags = z.array(z.string()).max(2048);
const params = z.record(z.string(), z.unknown());
const url = z.string().nullable();
export const ManagedCreateBody = z.strictObject({
  type: z.literal('managed'),
  name,
  relationships: z.strictObject({ space: guidRef, service_plan: guidRef }),
  parameters: params.optional(),
  tags: tags.optional(),
  metadata: MetadataBody.optional(),
});
export const UserProvidedCreateBody = z.strictObject({
  type: z.literal('user-provided'),
  name,
  relationships: z.strictObject({ space: guidRef }),
  credentials: params.optional(),
  syslog_drain_url: url.optional(),
  route_service_url: url.optional(),
  tags: tags.optional(),
  metadata: MetadataBody.optional(),
});
/** What CC's generic ServiceInstanceCreateMessage checks when the type is neither managed nor user-provided. */
export const GenericCreateBody = z.strictObject({
  type: z.unknown().optional(),
  name,
  relationships: z.strictObject({ space: guidRef, service_plan: guidRef.optional() }),
  parameters: params.optional(),
  credentials: params.optional(),
  syslog_drain_url: url.optional(),
  route_service_url: url.optional(),
  tags: tags.optional(),
  metadata: MetadataBody.optional(),
});
export const ManagedUpdateBody = z.strictObject({
  name: name.optional(),
  tags: tags.optional(),
  parameters: params.optional(),
  relationships: z.strictObject({ service_plan: guidRef }).optional(),
  maintenance_info: z.strictObject({ version: z.string() }).optional(),
  metadata: MetadataBody.optional(),
});
export const UserProvidedUpdateBody = z.strictObject({
  name: name.optional(),
  tags: tags.optional(),
  credentials: params.optional(),
  syslog_drain_url: url.optional(),
  route_service_url: url.optional(),
  metadata: MetadataBody.optional(),
});
export const instanceOverrides: Overrides = {
  type: "Type must be one of 'managed', 'user-provided'",
  relationships: "Relationships 'relationships' is not an object",
  'relationships.space': 'Relationships Space must be structured like this: "space: {"data": {"guid": "valid-guid"}}"',
  'relationships.space.data': 'Relationships Space must be structured like this: "space: {"data": {"guid": "valid-guid"}}"',
  'relationships.space.data.guid': 'Relationships Space guid must be a string',
  'relationships.service_plan': 'Relationships Service plan must be structured like this: "service_plan: {"data": {"guid": "valid-guid"}}"',
  'relationships.service_plan.data': 'Relationships Service plan must be structured like this: "service_plan: {"data": {"guid": "valid-guid"}}"',
  'relationships.service_plan.data.guid': 'Relationships Service plan guid must be a string',
  tags: 'Tags must be a list of strings',
  'tags.*': 'Tags must be a list of strings',
};

export const ShareBody = z.strictObject({ data: z.array(z.strictObject({ guid: z.string() })).min(1) });
export const shareOverrides: Overrides = {
  data: (_path, missing, code) => (code === 'too_small' ? "Data can't be blank" : missing ? "Data can't be blank, Data must be an array" : 'Data must be an array'),
  'data.*': (path) => `Invalid data type: Data[${String(path[1])}] must be an object.`,
  'data.*.guid': (path) => `Invalid data type: Data[${String(path[1])}] guid should be a string.`,
};
