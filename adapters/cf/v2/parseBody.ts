// v2 request bodies: the raw body is JSON whatever the Content-Type says (legacy clients send JSON as form-encoded),
// and a message is checked field by field as Cloud Controller's JsonMessage does, with its wording.
import express, { type RequestHandler, type Request } from 'express';
import { z } from 'zod';
import { invalid } from '../../../src/core/errors';
import { CfError } from '../errorCatalogue';

const text = express.text({ type: () => true, limit: '1mb' });
const parsed = new WeakMap<Request, { value?: unknown; error?: string }>();

/** Reads the body as text and parses it as JSON; a parse failure is raised only when a handler reads the body. */
export const v2Body: RequestHandler = (req, res, next) => {
  text(req, res, (err?: unknown) => {
    if (err) {
      const type = (err as { type?: string }).type;
      return next(type === 'entity.too.large' ? invalid('request.body_too_large') : err);
    }
    const raw = typeof req.body === 'string' ? req.body : '';
    req.body = undefined;
    if (raw.trim() === '') parsed.set(req, { error: 'Decoded JSON cannot be nil' });
    else {
      try {
        const value: unknown = JSON.parse(raw);
        req.body = value;
        parsed.set(req, value === null ? { error: 'Decoded JSON cannot be nil' } : { value });
      } catch (e) {
        parsed.set(req, { error: (e as Error).message });
      }
    }
    next();
  });
};

/** The body as a JSON object; anything else is CF-MessageParseError. */
export function bodyObject(req: Request): Record<string, unknown> {
  const p = parsed.get(req) ?? { error: 'Decoded JSON cannot be nil' };
  if (p.error !== undefined) throw new CfError('MessageParseError', p.error);
  if (typeof p.value !== 'object' || p.value === null || Array.isArray(p.value)) throw new CfError('MessageParseError', 'invalid request body');
  return p.value as Record<string, unknown>;
}

/** The body as a JSON object, or {} when there is none (bodies some v2 calls may omit). */
export function optionalBodyObject(req: Request): Record<string, unknown> {
  const p = parsed.get(req);
  if (!p || p.error === 'Decoded JSON cannot be nil') return {};
  return bodyObject(req);
}

const KINDS = {
  String: z.string(),
  Hash: z.record(z.string(), z.unknown()),
  '[String]': z.array(z.string()),
  Bool: z.boolean(),
} as const;
type Kind = keyof typeof KINDS;
type Field = { kind: Kind; required?: boolean };
type Out<F extends Record<string, Field>> = { [K in keyof F]?: z.output<(typeof KINDS)[F[K]['kind']]> };

/** Ruby's class name for a decoded JSON value, as Membrane's messages print it. */
const rubyClass = (v: unknown) =>
  typeof v === 'string'
    ? 'String'
    : typeof v === 'boolean'
      ? v
        ? 'TrueClass'
        : 'FalseClass'
      : typeof v === 'number'
        ? Number.isInteger(v)
          ? 'Integer'
          : 'Float'
        : Array.isArray(v)
          ? 'Array'
          : 'Hash';

function fieldError(kind: Kind, value: unknown): string {
  if (kind === 'Bool') return `Expected instance of true or false, given ${String(value)}`;
  if (kind === '[String]') {
    if (!Array.isArray(value)) return `Expected instance of Array, given instance of ${rubyClass(value)}`;
    return value
      .map((v, i) => (typeof v === 'string' ? null : `At index ${i}: Expected instance of String, given an instance of ${rubyClass(v)}`))
      .filter((m) => m !== null)
      .join(', ');
  }
  return `Expected instance of ${kind}, given an instance of ${rubyClass(value)}`;
}

/**
 * A v2 message: fields in CC's declaration order; `null` counts as absent, unknown keys are ignored, a missing
 * required field or a wrong type is CF-MessageParseError "Field: x, Error: ..." for every failing field.
 */
export function parseMessage<F extends Record<string, Field>>(fields: F, body: Record<string, unknown>): Out<F> {
  const out: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const [name, field] of Object.entries(fields)) {
    const value = Object.hasOwn(body, name) ? body[name] : undefined;
    if (value === undefined || value === null) {
      if (field.required) errors.push(`Field: ${name}, Error: Missing field ${name}`);
      continue;
    }
    const result = KINDS[field.kind].safeParse(value);
    if (result.success) out[name] = result.data;
    else errors.push(`Field: ${name}, Error: ${fieldError(field.kind, value)}`);
  }
  if (errors.length) throw new CfError('MessageParseError', errors.join(', '));
  return out as Out<F>;
}

/** A message as one zod object (for its OpenAPI description): `null` stands for absent, unknown keys are ignored. */
export function messageSchema(fields: Record<string, Field>) {
  return z.looseObject(Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.required ? KINDS[f.kind] : KINDS[f.kind].nullish()])));
}

export const str = (required = false) => ({ kind: 'String' as const, required });
export const hash = (required = false) => ({ kind: 'Hash' as const, required });
export const strings = (required = false) => ({ kind: '[String]' as const, required });
export const bool = (required = false) => ({ kind: 'Bool' as const, required });
