// A parsed body against a zod schema, for every dialect: the body must be a JSON object (or array), then the
// schema decides. The dialect words the failures: it gives the error for a body of the wrong shape and turns zod's
// issues into its own error.
import type { z } from 'zod';
import { invalid } from '../core/errors';

/** A zod issue, with the offending input (parsed with `reportInput`). */
export type BodyIssue = z.core.$ZodIssue & { input?: unknown };

export interface ParseBodyOptions {
  /** the JSON type the body must have: `object` (the default) or `array` */
  shape?: 'object' | 'array';
  /** what an absent body stands for (CF v3 reads it as `{}`); without it an absent body has the wrong shape */
  absent?: unknown;
  /** the error for a body of the wrong shape; `request.malformed_body` unless given */
  wrongShape?: (body: unknown) => Error;
  /**
   * the error for a body the schema refuses; unless given, `request.invalid_body` with `errors`: one
   * "path: message" string per issue
   */
  refused?: (issues: BodyIssue[], body: unknown) => Error;
}

const pathText = (path: PropertyKey[]) => path.reduce<string>((text, p) => (typeof p === 'number' ? `${text}[${p}]` : text ? `${text}.${String(p)}` : String(p)), '');

const defaultRefusal = (issues: BodyIssue[]) => invalid('request.invalid_body', { errors: issues.map((i) => `${pathText(i.path) || 'body'}: ${i.message}`) });

function hasShape(body: unknown, shape: 'object' | 'array'): boolean {
  if (shape === 'array') return Array.isArray(body);
  return body !== null && typeof body === 'object' && !Array.isArray(body);
}

/** The body as the schema outputs it; throws the dialect's error (or the defaults) when it does not fit. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, options: ParseBodyOptions = {}): z.output<S> {
  const input = body === undefined && 'absent' in options ? options.absent : body;
  if (!hasShape(input, options.shape ?? 'object')) throw (options.wrongShape ?? (() => invalid('request.malformed_body')))(input);
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw (options.refused ?? defaultRefusal)(result.error.issues as BodyIssue[], input);
}
