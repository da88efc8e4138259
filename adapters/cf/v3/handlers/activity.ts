import { parseList } from '../listQuery';
import { presentEvent, presentJob } from '../presenters/presentActivity';
import { presentList } from '../presenters/presentList';
import { actorOf, ok, param, type Add } from '../routes';

const EVENTS = { keys: ['types', 'target_guids', 'space_guids', 'organization_guids'] };

export function activityRoutes(add: Add) {
  add('get', '/v3/jobs/:guid', async (req, { core, links }) => ok(presentJob(links)(await core.getOperation(actorOf(req), param(req, 'guid')))));
  add('get', '/v3/audit_events', async (req, { core, links }) => {
    const q = parseList(req.query, EVENTS);
    const filter = {
      guids: q.lists.guids,
      types: q.lists.types,
      targetGuids: q.lists.target_guids,
      spaceGuids: q.lists.space_guids,
      organizationGuids: q.lists.organization_guids,
      createdAts: q.createdAts,
      updatedAts: q.updatedAts,
    };
    return ok(presentList(links, '/v3/audit_events', q, await core.listEvents(actorOf(req), filter, q.page), presentEvent(links)));
  });
  add('get', '/v3/audit_events/:guid', async (req, { core, links }) => ok(presentEvent(links)(await core.getEvent(actorOf(req), param(req, 'guid')))));
}
