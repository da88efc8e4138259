// A user as UAA's SCIM endpoints show it.
import { scopesOfUser } from '../../src/core/credentials';
import type { User } from '../../src/core/records';

export const SCIM_SCHEMAS = ['urn:scim:schemas:core:1.0'];
const iso = (ms: number) => new Date(ms).toISOString();

export const presentScimUser = (u: User) => ({
  id: u.guid,
  externalId: '',
  meta: { version: 0, created: iso(u.createdAt), lastModified: iso(u.updatedAt) },
  userName: u.username,
  name: {},
  emails: u.email ? [{ value: u.email, primary: true }] : [],
  groups: scopesOfUser(u).map((s) => ({ value: s, display: s, type: 'DIRECT' })),
  approvals: [],
  active: true,
  verified: true,
  origin: u.origin ?? 'uaa',
  zoneId: 'uaa',
  passwordLastModified: iso(u.updatedAt),
  schemas: SCIM_SCHEMAS,
});

/** Only the named top-level attributes (`attributes=id,userName`), matched without regard to case. */
export function pickAttributes(user: Record<string, unknown>, attributes: string[]): Record<string, unknown> {
  const wanted = new Set(attributes.map((a) => a.trim().toLowerCase()));
  return Object.fromEntries(Object.entries(user).filter(([k]) => wanted.has(k.toLowerCase())));
}
