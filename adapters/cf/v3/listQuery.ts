// List query parameters as Cloud Controller validates them, and the canonical query string its links echo.
import type { LabelRequirement, OrderBy, PageRequest, TimeFilter } from '../../../src/core/store';
import { CfError } from '../errorCatalogue';

export interface ListSpec {
  /** resource-specific parameters, in the order CC lists them */
  keys: string[];
  /** order_by fields allowed besides created_at and updated_at */
  orderBy?: string[];
  /** only the `orderBy` fields are allowed (feature flags order by name alone) */
  orderByOnly?: boolean;
  /** allowed `fields[...]` resources and their keys */
  fields?: Record<string, string[]>;
  /** roles and users answer 422 instead of 400 */
  unprocessable?: boolean;
  /** not paginated (only `fields` and the resource keys) */
  unpaginated?: boolean;
  /** allowed `include` values (the key itself must be among `keys`) */
  include?: string[];
}

export interface ParsedList {
  page: PageRequest;
  lists: Record<string, string[]>;
  values: Record<string, string>;
  createdAts?: TimeFilter[];
  updatedAts?: TimeFilter[];
  labelSelector?: LabelRequirement[];
  fields: Record<string, string[]>;
  /** the `include` values, validated against the spec */
  include: string[];
  /** canonical pairs for pagination links (without page) */
  echo: [string, string][];
}

const MAX_PAGE = 2_147_483_647;
const COMMON = ['page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids'];
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const LABEL_KEY = /^(([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

const human = (key: string) => {
  const t = key.replace(/_/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
};

/** Splits on commas outside parentheses (label_selector `env in (a,b)`). */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export function parseLabelSelector(text: string): LabelRequirement[] | null {
  const reqs: LabelRequirement[] = [];
  for (const raw of splitTopLevel(text)) {
    const part = raw.trim();
    let m: RegExpMatchArray | null;
    if ((m = part.match(/^!\s*(\S+)$/))) reqs.push({ op: 'not_exists', key: m[1]! });
    else if ((m = part.match(/^(\S+?)\s+(in|notin)\s+\(([^)]*)\)$/))) {
      const values = m[3]!.split(',').map((v) => v.trim());
      reqs.push({ op: m[2] === 'in' ? 'in' : 'not_in', key: m[1]!, values });
    } else if ((m = part.match(/^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/))) reqs.push({ op: m[2] === '!=' ? 'not_in' : 'in', key: m[1]!, values: [m[3]!] });
    else if ((m = part.match(/^([^=!\s()]+)$/))) reqs.push({ op: 'exists', key: m[1]! });
    else return null;
  }
  for (const r of reqs) {
    if (!LABEL_KEY.test(r.key)) return null;
    if ('values' in r && r.values.some((v) => !LABEL_VALUE.test(v))) return null;
  }
  return reqs;
}

function parseTimes(name: string, entries: [string | undefined, string][], fail: (m: string) => never): TimeFilter[] {
  const out: TimeFilter[] = [];
  for (const [op, value] of entries) {
    const values = value.split(',');
    if (values.some((v) => !TIMESTAMP.test(v))) {
      fail(`${human(name)} has an invalid timestamp format. Timestamps should be formatted as 'YYYY-MM-DDThh:mm:ssZ'`);
    }
    const ms = values.map((v) => Date.parse(v));
    if (op === undefined) out.push({ op: 'eq', values: ms });
    else if (op === 'lt' || op === 'lte' || op === 'gt' || op === 'gte') {
      if (ms.length !== 1) fail(`${human(name)} relational operator '${op}' requires exactly one timestamp`);
      out.push({ op, values: ms });
    } else fail(`${human(name)} has an invalid relational operator: '${op}'`);
  }
  return out;
}

export function parseList(query: Record<string, unknown>, spec: ListSpec): ParsedList {
  // `fields` goes last unless the spec places it among its keys (CC's order of valid parameters)
  const withFields = spec.fields && !spec.keys.includes('fields') ? ['fields'] : [];
  const valid = spec.unpaginated ? [...withFields, ...spec.keys] : [...COMMON, ...spec.keys, ...withFields];
  const fail = (message: string): never => {
    throw new CfError(spec.unprocessable ? 'UnprocessableEntity' : 'BadQueryParameter', message);
  };
  const entries = Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? String(v[v.length - 1]) : String(v)] as [string, string]);
  const unknown: string[] = [];
  const times: Record<string, [string | undefined, string][]> = {};
  const fields: Record<string, string[]> = {};
  const lists: Record<string, string[]> = {};
  const values: Record<string, string> = {};
  const echo: [string, string][] = [];
  const messages: string[] = [];
  let page = 1;
  let perPage = 50;
  let orderBy: OrderBy | undefined;

  for (const [key, value] of entries) {
    const m = key.match(/^([a-z_]+)\[([^\]]*)\]$/);
    const base = m ? m[1]! : key;
    if (!valid.includes(base)) {
      unknown.push(base);
      continue;
    }
    if (base === 'fields') {
      if (!m) {
        messages.push('Fields must be an object');
        continue;
      }
      fields[m[2]!] = value.split(',');
      echo.push([key, value]);
    } else if (base === 'created_ats' || base === 'updated_ats') {
      (times[base] ??= []).push([m ? m[2] : undefined, value]);
      echo.push([key, value]);
    } else if (m) unknown.push(key);
    else if (base === 'page') {
      if (!/^\d+$/.test(value) || Number(value) < 1) messages.push('Page must be a positive integer');
      else if (Number(value) > MAX_PAGE) messages.push(`Page must be less than or equal to ${MAX_PAGE}`);
      else page = Number(value);
      echo.push([key, value]);
    } else if (base === 'per_page') {
      // as CC's PaginationPageValidator: not above zero -> positive integer; above 5000 -> between
      if (!/^-?\d+$/.test(value) || Number(value) < 1) messages.push('Per page must be a positive integer');
      else if (Number(value) > 5000) messages.push('Per page must be between 1 and 5000');
      else perPage = Number(value);
    } else if (base === 'order_by') {
      const allowed = spec.orderByOnly ? (spec.orderBy ?? []) : ['created_at', 'updated_at', ...(spec.orderBy ?? [])];
      const sign = value.startsWith('-') ? '-' : value.startsWith('+') ? '+' : '';
      const field = value.slice(sign.length);
      if (!allowed.includes(field)) messages.push(`Order by can only be: ${allowed.map((a) => `'${a}'`).join(', ')}`);
      else orderBy = { field: field as OrderBy['field'], direction: sign === '-' ? 'desc' : 'asc' };
      echo.push([key, `${sign || '+'}${field}`]);
    } else if (base === 'label_selector') {
      values[base] = value;
      echo.push([key, value]);
    } else {
      lists[base] = value.split(',');
      values[base] = value;
      echo.push([key, value]);
    }
  }
  if (unknown.length) {
    messages.unshift(`Unknown query parameter(s): ${unknown.map((k) => `'${k}'`).join(', ')}. Valid parameters are: ${valid.map((k) => `'${k}'`).join(', ')}`);
  }
  let labelSelector: LabelRequirement[] | undefined;
  if (values.label_selector !== undefined) {
    labelSelector = parseLabelSelector(values.label_selector) ?? undefined;
    if (!labelSelector) messages.push('Invalid label_selector value');
  }
  for (const [resource, keys] of Object.entries(fields)) {
    const allowed = spec.fields?.[resource];
    if (!allowed) {
      messages.push(
        `Fields [${resource}] valid resources are: ${Object.keys(spec.fields ?? {})
          .map((r) => `'${r}'`)
          .join(', ')}`,
      );
    } else if (keys.some((k) => !allowed.includes(k))) {
      messages.push(`Fields valid keys for '${resource}' are: ${allowed.map((k) => `'${k}'`).join(', ')}`);
    }
  }
  if (spec.include && lists.include) messages.push(...includeErrors(lists.include, spec.include));
  if (messages.length === 0) {
    const parsed: ParsedList = { page: { page, perPage, orderBy }, lists, values, fields, include: lists.include ?? [], echo, labelSelector };
    if (times.created_ats) parsed.createdAts = parseTimes('created_ats', times.created_ats, fail);
    if (times.updated_ats) parsed.updatedAts = parseTimes('updated_ats', times.updated_ats, fail);
    echo.push(['per_page', String(perPage)]);
    return parsed;
  }
  return fail(messages.join(', '));
}

/** CC's IncludeParamValidator: one message per unknown value, and one for a value given twice. */
export function includeErrors(include: string[], valid: string[]): string[] {
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (const candidate of include) {
    if (valid.includes(candidate)) {
      const n = (seen.get(candidate) ?? 0) + 1;
      seen.set(candidate, n);
      if (n === 2) out.push(`Duplicate included resource: '${candidate}'`);
    } else out.push(`Invalid included resource: '${candidate}'. Valid included resources are: ${valid.map((v) => `'${v}'`).join(', ')}`);
  }
  return out;
}

/** Ruby's CGI.escape: everything but A-Za-z0-9_.-~ is percent-encoded, spaces become '+'. */
export const cgiEscape = (text: string) =>
  encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');

/** The query string of a pagination link: keys sorted, page substituted (Rails Hash#to_query). */
export function pageQuery(echo: [string, string][], page: number): string {
  const pairs = echo.filter(([k]) => k !== 'page').concat([['page', String(page)]]);
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.map(([k, v]) => `${cgiEscape(k)}=${cgiEscape(v)}`).join('&');
}
