// The standard CSM request body (timeout, callbackURL, preCallout, postCallout, operationParams) and the checking of
// operationParams against an operation's declared parameters: name, type and multiplicity, each declaration made a
// zod schema. Unknown top-level members are ignored; a bad parameter is a CloudError that names it.
import { z } from 'zod';
import { invalid } from '../../src/core/errors';
import { parseBody, type BodyIssue } from '../../src/http/parseBody';

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

/** An unused callback or callout is sent as "" (or null): none. */
const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v ? v : null));

const StandardBody = z.object({
  timeout: z
    .union([
      z.number().int().min(-1),
      z
        .string()
        .regex(/^\s*-?\d+\s*$/)
        .transform(Number)
        .pipe(z.number().int().min(-1)),
    ])
    .nullish()
    .transform((v) => v ?? -1),
  callbackURL: optionalText,
  preCallout: optionalText,
  postCallout: optionalText,
  operationParams: z
    .array(z.looseObject({ name: z.string() }))
    .nullish()
    .transform((v) => v ?? []),
});

const MEMBER_EXPECTS: Record<string, string> = {
  timeout: 'an integer: 0, -1 or a number of seconds',
  operationParams: 'an array of OperationParameter objects with a name',
};

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

const dateMs = z.union([z.number(), z.string().transform((s) => Date.parse(s))]).pipe(z.number().refine(Number.isFinite));

function scalarSchema(type: ParamType): z.ZodType {
  switch (type) {
    case 'java.lang.String':
      return z.string();
    case 'java.lang.Integer':
      return z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
    case 'java.lang.Boolean':
      return z.boolean();
    case 'java.util.Date':
      return dateMs;
    default:
      return z.record(z.string(), z.unknown());
  }
}

/** A declaration as a schema: multi-valued ones take an array (a single value where a list is declared is a list of one). */
function paramSchema(d: ParamDecl): z.ZodType {
  const one = scalarSchema(d.type);
  if (!d.multiplicity.endsWith('*')) return one;
  return z.preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(one).min(d.multiplicity === '1..*' ? 1 : 0));
}

const absent = (d: ParamDecl, v: unknown) => v === undefined || v === null || (v === '' && d.type === 'java.lang.String' && !d.multiplicity.startsWith('1'));
const missingParam = (d: ParamDecl) => invalid('csm.param_missing', { name: d.name, type: d.type, multiplicity: d.multiplicity });

function refusedMember(issues: BodyIssue[]) {
  const member = String(issues[0]?.path[0] ?? 'body');
  return invalid('csm.member_type', { member, expected: MEMBER_EXPECTS[member] ?? 'a string' });
}

/** The standard body with the given declared parameters as one schema (for the OpenAPI description). */
export function standardBodySchema(decls: ParamDecl[]): z.ZodType {
  const param = (d: ParamDecl) =>
    z.looseObject({ name: z.literal(d.name), type: z.string().optional(), multiplicity: z.string().optional(), value: paramSchema(d).meta({ description: expected(d) }) });
  const params = decls.length === 0 ? z.never() : decls.length === 1 ? param(decls[0]!) : z.union(decls.map(param));
  return StandardBody.extend({ operationParams: z.array(params).nullish() });
}

/** Parses the standard body of an operation with the given declared parameters. */
export function parseStandardRequest(body: unknown, operation: string, decls: ParamDecl[]): StandardRequest {
  const std = parseBody(StandardBody, body, {
    absent: {},
    wrongShape: (b) => invalid('csm.body_shape', { detail: Array.isArray(b) ? 'an array was sent' : `${b === null ? 'null' : typeof b} was sent` }),
    refused: refusedMember,
  });
  const byName = new Map(decls.map((d) => [d.name.toLowerCase(), d]));
  const given = new Map<string, unknown>();
  const received: StandardRequest['received'] = [];
  for (const raw of std.operationParams) {
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
      if (d.multiplicity === '1' || d.multiplicity === '1..*') throw missingParam(d);
      continue;
    }
    const parsed = paramSchema(d).safeParse(v);
    if (!parsed.success) {
      const tooFew = parsed.error.issues.some((i) => i.code === 'too_small' && i.path.length === 0);
      throw tooFew ? missingParam(d) : invalid('csm.param_type', { name: d.name, expected: expected(d) });
    }
    params[d.name] = parsed.data;
  }
  return { timeout: std.timeout, callbackURL: std.callbackURL, preCallout: std.preCallout, postCallout: std.postCallout, params, received };
}
