// Search: the `criteria` query tree (BMC's QuerySelect / QuerySimpleCondition / QueryPropertyReference / QueryLiteral,
// and compound AND/OR/NOT conditions), `orderBy`, `pageSize` and `pageNo`, over the objects the caller may see.
import { invalid } from '../../src/core/errors';

type Node = Record<string, unknown>;
type Attributes = Record<string, string>;
export type Predicate = (a: Attributes) => boolean;

const isObject = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);
const kindOf = (n: Node) => String(n.nodeType ?? n.cloudClass ?? '').replace('com.bmc.cloud.model.beans.', '');
const bad = (detail: string) => invalid('csm.criteria', { detail });

/** SQL LIKE: % any run, _ one character; case-insensitive, as CLM's database compares. */
function likeMatcher(pattern: string): (v: string) => boolean {
  const source = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  const re = new RegExp(`^${source}$`, 'is');
  return (v) => re.test(v);
}

const OPERATORS: Record<string, (values: string[]) => (v: string) => boolean> = {
  EQUALS: (values) => (v) => values.includes(v),
  NOT_EQUALS: (values) => (v) => !values.includes(v),
  LIKE: (values) => {
    const matchers = values.map(likeMatcher);
    return (v) => matchers.some((m) => m(v));
  },
  NOT_LIKE: (values) => {
    const matchers = values.map(likeMatcher);
    return (v) => !matchers.some((m) => m(v));
  },
  IN: (values) => (v) => values.includes(v),
  NOT_IN: (values) => (v) => !values.includes(v),
};

function operandsOf(n: Node): unknown[] {
  if (Array.isArray(n.children)) return n.children;
  if (Array.isArray(n.operands)) return n.operands;
  return [n.leftOperand, n.rightOperand].filter((x) => x !== undefined);
}

/** A simple condition read: the attribute (as the searchable list spells it), the operator and the literal's values. */
export interface SimpleCondition {
  attribute: string;
  operator: string;
  values: string[];
}

function readSimple(n: Node, attributes: string[]): SimpleCondition {
  const operator = String(n.operator ?? n.simpleOperator ?? '').toUpperCase();
  if (!OPERATORS[operator]) throw bad(`unsupported operator ${operator || '(none)'}; use one of ${Object.keys(OPERATORS).join(', ')}`);
  const operands = operandsOf(n).filter(isObject);
  const ref = operands.find((o) => kindOf(o) === 'QueryPropertyReference' || Array.isArray(o.references));
  const literal = operands.find((o) => kindOf(o) === 'QueryLiteral' || Array.isArray(o.values) || 'value' in o);
  const property = Array.isArray(ref?.references) ? String(ref.references[0] ?? '') : '';
  if (!property) throw bad('a condition needs a QueryPropertyReference with references');
  const attribute = attributes.find((a) => a.toLowerCase() === property.toLowerCase());
  if (!attribute) throw bad(`cannot search on ${property}; searchable: ${attributes.join(', ')}`);
  if (!literal) throw bad('a condition needs a QueryLiteral with values');
  const raw = Array.isArray(literal.values) ? literal.values : [literal.value];
  return { attribute, operator, values: raw.map((v) => String(v ?? '')) };
}

function simple(n: Node, attributes: string[]): Predicate {
  const { attribute, operator, values } = readSimple(n, attributes);
  const matches = OPERATORS[operator]!(values);
  return (a) => matches(a[attribute] ?? '');
}

const isSimple = (node: Node, children: unknown[]) =>
  kindOf(node) === 'QuerySimpleCondition' || node.simpleOperator !== undefined || (node.operator !== undefined && children.some((c) => isObject(c) && Array.isArray(c.references)));

/**
 * The simple conditions of a criteria tree that is only their conjunction (AND nodes, at any depth), else undefined.
 * Call it on criteria that compileCriteria accepted.
 */
export function conjunctionOf(node: unknown, attributes: string[], depth = 0): SimpleCondition[] | undefined {
  if (depth > 32 || !isObject(node)) return undefined;
  const children = operandsOf(node);
  if (isSimple(node, children)) return [readSimple(node, attributes)];
  if (String(node.operator ?? node.compoundOperator ?? 'AND').toUpperCase() !== 'AND') return undefined;
  const out: SimpleCondition[] = [];
  for (const child of children) {
    const part = conjunctionOf(child, attributes, depth + 1);
    if (!part) return undefined;
    out.push(...part);
  }
  return out;
}

/** A predicate for a criteria tree; throws `csm.criteria` for one it cannot read. */
export function compileCriteria(node: unknown, attributes: string[], depth = 0): Predicate {
  if (depth > 32) throw bad('the criteria are nested too deeply');
  if (!isObject(node)) throw bad('criteria must be a query object');
  const children = operandsOf(node);
  if (isSimple(node, children)) return simple(node, attributes);
  const parts = children.map((c) => compileCriteria(c, attributes, depth + 1));
  const operator = String(node.operator ?? node.compoundOperator ?? 'AND').toUpperCase();
  if (operator === 'OR') return (a) => parts.some((p) => p(a));
  if (operator === 'NOT') return (a) => !parts.every((p) => p(a));
  if (operator !== 'AND') throw bad(`unsupported operator ${operator}`);
  return (a) => parts.every((p) => p(a));
}

export interface SearchParams {
  criteria?: unknown;
  pageSize?: number;
  pageNo?: number;
  orderBy?: string[];
}

/** Filters, orders and pages; answers the SearchResults object. */
export function searchResults<T>(items: T[], names: string[], attributesOf: (t: T) => Attributes, present: (t: T) => unknown, p: SearchParams, guid: string) {
  const { pageNo, pageSize, total, page } = searchPage(items, names, attributesOf, p);
  return resultsOf(guid, pageNo, pageSize, total, page.map(present));
}

/** Filters, orders and pages: the page's items, with the number of all that match. */
export function searchPage<T>(items: T[], names: string[], attributesOf: (t: T) => Attributes, p: SearchParams) {
  const predicate = p.criteria === undefined ? () => true : compileCriteria(p.criteria, names);
  let rows = items.map((t) => ({ t, a: attributesOf(t) })).filter((r) => predicate(r.a));
  for (const order of [...(p.orderBy ?? [])].reverse()) {
    const [field = '', dir = 'ASC'] = order.trim().split(/\s+/);
    const attribute = names.find((n) => n.toLowerCase() === field.toLowerCase());
    if (!attribute) throw invalid('csm.param_value', { name: 'orderBy', detail: `cannot order by ${field}` });
    const sign = dir.toUpperCase() === 'DESC' ? -1 : 1;
    rows = [...rows].sort((x, y) => sign * (x.a[attribute] ?? '').localeCompare(y.a[attribute] ?? ''));
  }
  const total = rows.length;
  const pageSize = p.pageSize ?? -1;
  const pageNo = p.pageNo ?? 0;
  if (pageSize === 0 || pageSize < -1) throw invalid('csm.param_value', { name: 'pageSize', detail: 'must be a positive number of rows, or -1 for all' });
  if (pageNo < 0) throw invalid('csm.param_value', { name: 'pageNo', detail: 'must be 0 or more' });
  const page = pageSize === -1 ? rows : rows.slice(pageNo * pageSize, (pageNo + 1) * pageSize);
  return { pageNo, pageSize, total, page: page.map((r) => r.t) };
}

/** The SearchResults object. */
export const resultsOf = (guid: string, pageNo: number, pageSize: number, totalRows: number, results: unknown[]) => ({
  cloudClass: 'com.bmc.cloud.model.beans.SearchResults',
  guid,
  pageNo,
  pageSize,
  totalRows,
  results,
});
