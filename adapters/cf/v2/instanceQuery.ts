// `q` filters on service instance lists -> the core's instance filter.
import type { InstanceFilter, TextCondition } from '../../../src/core/store';
import { equalityValues, type QFilter } from './listParams';

const TEXT_OPS: Record<string, TextCondition['op']> = { '=': 'eq', IN: 'eq', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };

/**
 * Names compare case-insensitively (CC's column is); a key without operator matches nothing, as `= NULL` does;
 * space_guid and organization_guid name the owning space (CC filters on the instance's own space).
 */
export function instanceFilter(filters: QFilter[], type: InstanceFilter['type']): InstanceFilter {
  const nameConditions = filters.filter((f) => f.key === 'name').map((f): TextCondition => (f.op === null ? { op: 'eq', values: [] } : { op: TEXT_OPS[f.op]!, values: f.values }));
  const filter: InstanceFilter = {
    type,
    nameConditions: nameConditions.length ? nameConditions : undefined,
    ownSpaceGuids: equalityValues(filters, 'space_guid'),
    ownOrganizationGuids: equalityValues(filters, 'organization_guid'),
    servicePlanGuids: equalityValues(filters, 'service_plan_guid'),
  };
  // there are no bindings, keys or gateway names: filtering on them matches nothing
  if (filters.some((f) => ['service_binding_guid', 'service_key_guid', 'gateway_name'].includes(f.key))) filter.guids = [];
  return filter;
}
