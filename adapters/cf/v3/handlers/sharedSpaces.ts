import { parseList } from '../listQuery';
import { parseBody } from '../parseBody';
import { presentIncluded } from '../presenters/presentInstance';
import { actorOf, noContent, ok, param, type Add } from '../routes';
import { ShareBody, shareOverrides } from '../schemas';
import type { Links } from '../../links';

const FIELDS = { keys: [], unpaginated: true, fields: { space: ['name', 'guid', 'relationships.organization'], 'space.organization': ['name', 'guid'] } };

const relationship = (links: Links, guid: string, spaceGuids: string[]) => ({
  data: spaceGuids.map((g) => ({ guid: g })),
  links: { self: links.href(`/v3/service_instances/${guid}/relationships/shared_spaces`) },
});

export function sharedSpaceRoutes(add: Add) {
  const path = '/v3/service_instances/:guid/relationships/shared_spaces';

  add('get', path, async (req, { core, links }) => {
    const { instance, spaces } = await core.listSharedSpaces(actorOf(req), param(req, 'guid'));
    const q = parseList(req.query, FIELDS);
    const body: Record<string, unknown> = relationship(
      links,
      instance.guid,
      spaces.map((s) => s.space.guid),
    );
    const included = presentIncluded(spaces, q.fields);
    if (included) body.included = included;
    return ok(body);
  });

  add('post', path, async (req, { core, links }) => {
    const guid = param(req, 'guid');
    const targets = () => parseBody(ShareBody, req.body, shareOverrides).data.map((d) => d.guid);
    return ok(relationship(links, guid, await core.shareInstance(actorOf(req), guid, targets)));
  });

  add('delete', `${path}/:space_guid`, async (req, { core }) => {
    await core.unshareInstance(actorOf(req), param(req, 'guid'), param(req, 'space_guid'));
    return noContent();
  });

  add('get', `${path}/usage_summary`, async (req, { core, links }) => {
    const guid = param(req, 'guid');
    const { spaces } = await core.listSharedSpaces(actorOf(req), guid);
    const self = `/v3/service_instances/${guid}`;
    return ok({
      // sharegate has no apps, so no bindings: every shared space has zero bound apps.
      usage_summary: spaces.map((s) => ({ space: { guid: s.space.guid }, bound_app_count: 0 })),
      links: {
        self: links.href(`${self}/relationships/shared_spaces/usage_summary`),
        shared_spaces: links.href(`${self}/relationships/shared_spaces`),
        service_instance: links.href(self),
      },
    });
  });
}
