// What the two SQL databases spell differently, as one small interface: the query modules are written once against
// drizzle's builders and these fragments, and each store passes its own (sqlite/dialect.ts, postgres/dialect.ts).
import type { SQL, SQLWrapper } from 'drizzle-orm';

export type Comparison = 'eq' | 'lt' | 'lte' | 'gt' | 'gte';

export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /** `expr IN (values)`, the list bound as one parameter (one statement shape for any length) */
  inList(expr: SQLWrapper, values: readonly string[]): SQL;
  /** `expr IN (list)` for a prepared statement: the list is the placeholder `name`, bound with `listParam` */
  inPlaceholder(expr: SQLWrapper, name: string): SQL;
  /** how a list is bound to a placeholder of `inPlaceholder` */
  listParam(values: readonly string[]): unknown;
  /** the values as a one-column sub-select, for `x IN (...)` */
  listOf(values: readonly string[]): SQL;
  /** `expr` equals one of the values, ignoring case */
  inListNoCase(expr: SQLWrapper, values: readonly string[]): SQL;
  /** `expr <op> value`, ignoring case */
  compareNoCase(expr: SQLWrapper, op: Comparison, value: SQLWrapper | string): SQL;
  /** the values of a group joined with commas */
  groupConcat(expr: SQLWrapper): SQL;
  /** the text of a label (a key of the JSON object in `labels`), NULL when it has none */
  labelValue(labels: SQLWrapper, key: string): SQL;
  /** `part` occurs in `expr` */
  contains(expr: SQLWrapper, part: string): SQL;
  /** the rows of a statement written in SQL (what the builders do not spell) */
  rows<T>(db: unknown, query: SQL): Promise<T[]>;
  /** the smaller and the larger of two values */
  least(a: SQLWrapper, b: SQLWrapper): SQL;
  greatest(a: SQLWrapper, b: SQLWrapper): SQL;
}
