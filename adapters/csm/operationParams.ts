// The standard CSM request body (timeout, callbackURL, preCallout, postCallout, operationParams) and the checking of
// operationParams against an operation's declared parameters: name, type and multiplicity. Unknown top-level members
// are ignored; a bad parameter is a CloudError that names it.
import { invalid } from '../../src/core/errors';

export type Multiplicity = '1' | '0..1' | '0..*' | '1..*';
export type ParamType = 'java.lang.String' | 'java.lang.Integer' | 'java.lang.Boolean' | 'java.util.Date' | `com.bmc.cloud.model.beans.${string}`;

export interface ParamDecl {
  name: string;
  type: ParamType;
  multiplicity: Multiplicity;
  /** its value is a secret: never kept or passed on */
  secret?: boolean;
}

export interface StandardRequest {
  /** 0: answer at once; -1: wait up to the default; N: wait up to N seconds */
  timeout: number;
  callbackURL: string | null;
  preCallout: string | null;
  postCallout: string | null;
  /** declared parameters by name, checked and converted (Date -> ms; multi-valued -> array) */
  params: Record<string, unknown>;
  /** the operationParams as received, with secret values hidden (kept on the task, sent to callouts) */
  received: { name: string; type: string; multiplicity: string; value: unknown }[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const optionalString = (body: Record<string, unknown>, member: string): string | null => {
  const v = body[member];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') throw invalid('csm.member_type', { member, expected: 'a string' });
  return v;
};

function timeoutOf(body: Record<string, unknown>): number {
  const v = body.timeout;
  if (v === undefined || v === null) return -1;
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < -1) throw invalid('csm.member_type', { member: 'timeout', expected: 'an integer: 0, -1 or a number of seconds' });
  return n;
}

const TYPE_WORDS: Record<string, string> = {
  'java.lang.String': 'a string',
  'java.lang.Integer': 'an integer',
  'java.lang.Boolean': 'a boolean',
  'java.util.Date': 'a date (ISO 8601 text or milliseconds since the epoch)',
};
const expected = (d: ParamDecl) => {
  const one = TYPE_WORDS[d.type] ?? `a ${d.type.replace('com.bmc.cloud.model.beans.', '')} object`;
  return d.multiplicity.endsWith('*') ? `an array of ${d.multiplicity === '1..*' ? 'at least one ' : ''}${one.replace(/^an? /, '')} values` : one;
};

function scalar(d: ParamDecl, v: unknown): unknown {
  const bad = () => invalid('csm.param_type', { name: d.name, expected: expected(d) });
  switch (d.type) {
    case 'java.lang.String':
      if (typeof v !== 'string') throw bad();
      return v;
    case 'java.lang.Integer':
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw bad();
      return v;
    case 'java.lang.Boolean':
      if (typeof v !== 'boolean') throw bad();
      return v;
    case 'java.util.Date': {
      const ms = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
      if (!Number.isFinite(ms)) throw bad();
      return ms;
    }
    default:
      if (!isObject(v)) throw bad();
      return v;
  }
}

const absent = (d: ParamDecl, v: unknown) => v === undefined || v === null || (v === '' && d.type === 'java.lang.String' && !d.multiplicity.startsWith('1'));

function valueOf(d: ParamDecl, v: unknown): unknown {
  if (d.multiplicity.endsWith('*')) {
    // a single value where a list is declared (clients send `"value": "name"` with multiplicity "1") is a list of one
    const list = Array.isArray(v) ? v : [v];
    const values = list.map((x) => scalar(d, x));
    if (d.multiplicity === '1..*' && values.length === 0) throw invalid('csm.param_missing', { name: d.name, type: d.type, multiplicity: d.multiplicity });
    return values;
  }
  if (Array.isArray(v)) throw invalid('csm.param_type', { name: d.name, expected: expected(d) });
  return scalar(d, v);
}

/** Parses the standard body of an operation with the given declared parameters. */
export function parseStandardRequest(body: unknown, operation: string, decls: ParamDecl[]): StandardRequest {
  if (body !== undefined && !isObject(body)) throw invalid('csm.body_shape', { detail: Array.isArray(body) ? 'an array was sent' : `${typeof body} was sent` });
  const b = body ?? {};
  const rawParams = b.operationParams ?? [];
  if (!Array.isArray(rawParams)) throw invalid('csm.member_type', { member: 'operationParams', expected: 'an array of OperationParameter objects' });
  const byName = new Map(decls.map((d) => [d.name.toLowerCase(), d]));
  const given = new Map<string, unknown>();
  const received: StandardRequest['received'] = [];
  for (const raw of rawParams) {
    if (!isObject(raw) || typeof raw.name !== 'string')
      throw invalid('csm.member_type', { member: 'operationParams', expected: 'an array of OperationParameter objects with a name' });
    const d = byName.get(raw.name.toLowerCase());
    if (!d) throw invalid('csm.param_unknown', { name: raw.name, operation });
    if (given.has(d.name)) throw invalid('csm.param_repeated', { name: d.name });
    given.set(d.name, raw.value);
    received.push({ name: d.name, type: d.type, multiplicity: d.multiplicity, value: d.secret ? '[PRIVATE DATA HIDDEN]' : raw.value });
  }
  const params: Record<string, unknown> = {};
  for (const d of decls) {
    const v = given.get(d.name);
    if (absent(d, v)) {
      if (d.multiplicity === '1' || d.multiplicity === '1..*') throw invalid('csm.param_missing', { name: d.name, type: d.type, multiplicity: d.multiplicity });
      continue;
    }
    params[d.name] = valueOf(d, v);
  }
  return {
    timeout: timeoutOf(b),
    callbackURL: optionalString(b, 'callbackURL'),
    preCallout: optionalString(b, 'preCallout'),
    postCallout: optionalString(b, 'postCallout'),
    params,
    received,
  };
}
