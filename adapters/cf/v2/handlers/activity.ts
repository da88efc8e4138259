// /v2/jobs/:guid and /v2/events: operations and audit events, the same rows v3 shows.
import { isDomainError } from '../../../../src/core/errors';
import type { AuditEvent } from '../../../../src/core/records';
import type { EventFilter, TimeFilter } from '../../../../src/core/store';
import { badQuery } from '../../errorCatalogue';
import { timestamp } from '../../links';
import { presentPage, resource } from '../envelope';
import { equalityValues, pageRequest, parseV2List, type QFilter, type V2List } from '../listParams';
import { NULL_JOB, presentJob } from '../presenters/presentJob';
import { actorOf, ok, param, type Add } from '../routes';

const presentEvent = (e: AuditEvent) =>
  resource(`/v2/events/${e.guid}`, e.guid, e.createdAt, e.updatedAt, {
    type: e.type,
    actor: e.actorGuid,
    actor_type: e.actorType,
    actor_name: e.actorName,
    actor_username: e.actorName,
    actee: e.targetGuid,
    actee_type: e.targetType,
    actee_name: e.targetName,
    timestamp: timestamp(e.createdAt),
    metadata: e.data,
    space_guid: e.spaceGuid ?? '',
    organization_guid: e.organizationGuid ?? '',
  });

const TIME_OPS: Record<string, TimeFilter['op']> = { '=': 'eq', IN: 'eq', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };

/** `q=timestamp>=2020-01-01T00:00:00Z`: each value a time, matched to the whole second. */
function timeFilters(filters: QFilter[]): TimeFilter[] | undefined {
  const out = filters
    .filter((f) => f.key === 'timestamp')
    .map((f): TimeFilter => {
      if (f.op === null) return { op: 'eq', values: [] };
      const values = f.values.map((v) => Date.parse(v));
      if (values.some(Number.isNaN)) throw badQuery('timestamp');
      return { op: TIME_OPS[f.op]!, values: f.op === 'IN' || f.op === '=' ? values : values.slice(0, 1) };
    });
  return out.length ? out : undefined;
}

const EVENT_LIST = { q: ['timestamp', 'type', 'actee', 'space_guid', 'organization_guid'], orderBy: ['timestamp', 'id'] };

const eventFilter = (filters: QFilter[]): EventFilter => ({
  types: equalityValues(filters, 'type'),
  targetGuids: equalityValues(filters, 'actee'),
  spaceGuids: equalityValues(filters, 'space_guid'),
  organizationGuids: equalityValues(filters, 'organization_guid'),
  createdAts: timeFilters(filters),
});

/** Events in time order (CC orders by id, in creation order), newest first on order-direction=desc. */
const eventPage = (l: V2List) => ({ ...pageRequest(l), orderBy: l.direction === 'desc' ? ({ field: 'created_at', direction: 'desc' } as const) : undefined });

export function activityRoutes(add: Add) {
  add('get', '/v2/jobs/:guid', async (req, { core }) => {
    try {
      return ok(presentJob(await core.getOperation(actorOf(req), param(req, 'guid'))));
    } catch (e) {
      // CC renders a job it does not know as a finished placeholder
      if (isDomainError(e) && e.code === 'job.not_found') return ok(NULL_JOB);
      throw e;
    }
  });

  add('get', '/v2/events', async (req, { core }) => {
    const l = parseV2List(req.query, EVENT_LIST);
    const page = await core.listEvents(actorOf(req), eventFilter(l.filters), eventPage(l));
    return ok(presentPage('/v2/events', l, page, presentEvent));
  });
  // a space's events (its events_url): the same list, limited to the space, which the caller must be able to read
  add('get', '/v2/spaces/:guid/events', async (req, { core }) => {
    const space = await core.getSpace(actorOf(req), param(req, 'guid'));
    const l = parseV2List(req.query, EVENT_LIST);
    const filter = eventFilter(l.filters);
    filter.spaceGuids = filter.spaceGuids ? filter.spaceGuids.filter((g) => g === space.guid) : [space.guid];
    const page = await core.listEvents(actorOf(req), filter, eventPage(l));
    return ok(presentPage(`/v2/spaces/${space.guid}/events`, l, page, presentEvent));
  });
  add('get', '/v2/events/:guid', async (req, { core }) => ok(presentEvent(await core.getEvent(actorOf(req), param(req, 'guid')))));
}
