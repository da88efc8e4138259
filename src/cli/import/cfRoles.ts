// Organization and space roles, each with its own guid.
import type { RoleType } from '../../core/roleTypes';
import type { CfSource } from './cfSource';
import { apply, eachPage, rel, time, type ImportSession, type R } from './importSession';

const ORG_ROLE_TYPES = 'organization_user,organization_manager,organization_auditor,organization_billing_manager';

/**
 * Roles. A source that also speaks env-shares (another sharegate) names its space -> user shares there: those ids are
 * kept (an env-shares client refers to a share by it), so space roles are read space by space beside their shares.
 * Any other source's roles are read as one list.
 */
export async function importRoles(s: ImportSession, source: CfSource): Promise<void> {
  const one = (r: R, shareGuid?: string) =>
    apply(s, 'roles', String(r.type), String(r.guid), () =>
      s.core.importRole(
        s.actor,
        {
          guid: String(r.guid),
          type: String(r.type) as RoleType,
          userGuid: rel(r, 'user') ?? '',
          resourceGuid: rel(r, 'space') ?? rel(r, 'organization') ?? '',
          createdAt: time(r.created_at),
          updatedAt: time(r.updated_at),
          shareGuid,
        },
        s.run,
      ),
    );
  const sharesOf = async (spaceGuid: string) => {
    const body = await source.getOptional(`/v1/envs/${encodeURIComponent(spaceGuid)}/shares`);
    const values = Array.isArray(body?.values) ? (body.values as R[]) : undefined;
    return values && new Map(values.map((v) => [String(v.granteeAccountId), String(v.id)]));
  };
  let spacesSpeakShares: boolean | undefined;
  for await (const page of source.pages('/v3/spaces', { per_page: '1' })) {
    spacesSpeakShares = (await sharesOf(String(page.resources[0]!.guid))) !== undefined;
    break;
  }
  if (!spacesSpeakShares) {
    await eachPage(s, 'roles', source.pages('/v3/roles'), (r) => one(r));
    return;
  }
  const all = (await source.get('/v3/roles?per_page=1')) as { pagination?: { total_results?: number } } | undefined;
  s.tally.begin('roles', all?.pagination?.total_results);
  for await (const page of source.pages('/v3/roles', { types: ORG_ROLE_TYPES })) for (const r of page.resources) await one(r);
  for await (const spaces of source.pages('/v3/spaces')) {
    for (const sp of spaces.resources) {
      const shares = (await sharesOf(String(sp.guid))) ?? new Map<string, string>();
      for await (const page of source.pages('/v3/roles', { space_guids: String(sp.guid) })) {
        for (const r of page.resources) await one(r, shares.get(rel(r, 'user') ?? ''));
      }
    }
  }
  s.tally.draw(true);
}
