import type { FeatureFlag, Metadata, Organization, Space, User } from '../../../../src/core/records';
import type { RoleRow } from '../../../../src/core/store';
import { DEFAULT_QUOTA_GUID } from '../../../../src/core/quotas';
import { timestamp, timestampOrNull, type Links } from '../../links';

export const presentMetadata = (m: Metadata) => ({ labels: m.labels, annotations: m.annotations });

export const presentOrganization = (links: Links) => (o: Organization) => ({
  guid: o.guid,
  created_at: timestamp(o.createdAt),
  updated_at: timestamp(o.updatedAt),
  name: o.name,
  suspended: o.suspended,
  relationships: { quota: { data: { guid: DEFAULT_QUOTA_GUID } } },
  metadata: presentMetadata(o.metadata),
  links: {
    self: links.href(`/v3/organizations/${o.guid}`),
    domains: links.href(`/v3/organizations/${o.guid}/domains`),
    default_domain: links.href(`/v3/organizations/${o.guid}/domains/default`),
    quota: links.href(`/v3/organization_quotas/${DEFAULT_QUOTA_GUID}`),
  },
});

export const presentSpace = (links: Links) => (s: Space) => ({
  guid: s.guid,
  created_at: timestamp(s.createdAt),
  updated_at: timestamp(s.updatedAt),
  name: s.name,
  relationships: { organization: { data: { guid: s.organizationGuid } }, quota: { data: null } },
  metadata: presentMetadata(s.metadata),
  links: {
    self: links.href(`/v3/spaces/${s.guid}`),
    organization: links.href(`/v3/organizations/${s.organizationGuid}`),
    features: links.href(`/v3/spaces/${s.guid}/features`),
    // CC also links actions/apply_manifest; sharegate runs no apps and cannot apply a manifest, so it links none
  },
});

export const presentUser = (links: Links) => (u: User) => ({
  guid: u.guid,
  created_at: timestamp(u.createdAt),
  updated_at: timestamp(u.updatedAt),
  username: u.username,
  presentation_name: u.username ?? u.guid,
  origin: u.origin,
  metadata: presentMetadata(u.metadata),
  links: { self: links.href(`/v3/users/${u.guid}`) },
});

export const presentRole = (links: Links) => (r: RoleRow) => {
  const user = { data: { guid: r.userGuid } };
  const onSpace = r.resourceType === 'space';
  return {
    guid: r.guid,
    created_at: timestamp(r.createdAt),
    updated_at: timestamp(r.updatedAt),
    type: r.type,
    relationships: onSpace
      ? { user, space: { data: { guid: r.resourceGuid } }, organization: { data: null } }
      : { user, organization: { data: { guid: r.resourceGuid } }, space: { data: null } },
    links: {
      self: links.href(`/v3/roles/${r.guid}`),
      user: links.href(`/v3/users/${r.userGuid}`),
      ...(onSpace ? { space: links.href(`/v3/spaces/${r.resourceGuid}`) } : { organization: links.href(`/v3/organizations/${r.resourceGuid}`) }),
    },
  };
};

export const presentFeatureFlag = (links: Links) => (f: FeatureFlag) => ({
  name: f.name,
  enabled: f.enabled,
  updated_at: timestampOrNull(f.updatedAt),
  custom_error_message: f.customErrorMessage,
  links: { self: links.href(`/v3/feature_flags/${f.name}`) },
});

/** Included resources are ordered as CC orders them: by (created_at, guid). */
export const byCreation = <T extends { createdAt: number; guid: string }>(xs: T[]): T[] =>
  [...new Map(xs.map((x) => [x.guid, x])).values()].sort((a, b) => a.createdAt - b.createdAt || (a.guid < b.guid ? -1 : a.guid > b.guid ? 1 : 0));

const SPACE_FEATURES: Record<string, string> = { ssh: 'Enable SSHing into apps in the space.' };

/** CC's SpaceSshFeaturePresenter. sharegate runs no apps and offers no app_ssh endpoint, so ssh is never enabled. */
export const presentSpaceFeature = (name: string) => ({ name, description: SPACE_FEATURES[name] ?? '', enabled: false });
