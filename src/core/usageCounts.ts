// What the store counts for operating the gateway: usage per cell and day, operations per state.
import type { OperationState } from './records';

/** Counted requests of one (day, dialect, route, client, agent, user) cell; `day` is the UTC date YYYY-MM-DD. */
export interface UsageCount {
  day: string;
  dialect: string;
  route: string;
  /** OAuth client id ('' when the credentials name none) */
  clientId: string;
  /** the User-Agent's product token, e.g. `cf/6.53.0` ('' without one) */
  agent: string;
  userGuid: string;
  userName: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
}

/** Usage over a period, inclusive days; `user` matches a user guid or name. */
export interface UsageFilter {
  sinceDay?: string;
  untilDay?: string;
  dialect?: string;
  user?: string;
}

/** One row of a usage report: the counts of a cell summed over the period. */
export type UsageTotal = Omit<UsageCount, 'day'>;

export interface DailyUsage {
  day: string;
  dialect: string;
  count: number;
}

export interface OperationStateCount {
  operation: string;
  state: OperationState;
  count: number;
}
