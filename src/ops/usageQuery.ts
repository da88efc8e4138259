// The period and filters of a usage report: `since`/`until` as a number of days back (`30d`), a date (`2026-11-01`)
// or a time (`2026-11-01T12:00:00Z`); by default the last 30 days up to today (UTC days, inclusive).
import { z } from 'zod';
import type { UsageFilter } from '../core/store';
import { DIALECTS } from '../http/dialect';
import { utcDay } from './usageCounter';

const DAY_MS = 86_400_000;

const bound = z
  .string()
  .trim()
  .regex(/^(\d{1,5}d|\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?)$/, 'a number of days back (30d), a date (YYYY-MM-DD) or an ISO time')
  .refine((v) => /d$/.test(v) || !Number.isNaN(Date.parse(v)), 'not a valid date');

export const UsageQuery = z.object({
  since: bound.optional(),
  until: bound.optional(),
  dialect: z.enum(DIALECTS).optional(),
  user: z.string().trim().min(1).max(255).optional(),
});

/** A bound as a UTC day, relative to `now`. */
export function dayOf(value: string, now: number): string {
  if (/^\d+d$/.test(value)) return utcDay(now - Number.parseInt(value, 10) * DAY_MS);
  return utcDay(Date.parse(value));
}

export interface UsagePeriod extends UsageFilter {
  sinceDay: string;
  untilDay: string;
}

export function usageFilterOf(query: z.infer<typeof UsageQuery>, now: number): UsagePeriod {
  return {
    sinceDay: dayOf(query.since ?? '30d', now),
    untilDay: dayOf(query.until ?? '0d', now),
    dialect: query.dialect,
    user: query.user,
  };
}

/** Every UTC day from `since` to `until`, inclusive (at most 1000). */
export function daysOf(period: UsagePeriod): string[] {
  const days: string[] = [];
  for (let t = Date.parse(period.sinceDay); days.length < 1000 && utcDay(t) <= period.untilDay; t += DAY_MS) days.push(utcDay(t));
  return days;
}
