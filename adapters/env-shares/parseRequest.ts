// Path, query and body parsing for the env-shares dialect. Failures are 400s in Golem's documented JSON shape
// (`{"code":...,"errors":[...]}`), worded after the poem-openapi messages of the real server.
import type { Request } from 'express';
import type { z } from 'zod';
import { parseBody as parseWith, type BodyIssue } from '../../src/http/parseBody';

/** A request the dialect cannot read: rendered as 400 `{"code", "errors"}`. */
export class RequestError extends Error {
  constructor(
    readonly code: string,
    readonly errors: string[],
  ) {
    super(errors.join('; '));
    this.name = 'RequestError';
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: string) => UUID.test(v);

/** A UUID path parameter, lowercased (ids are stored lowercase). */
export function pathId(req: Request, name: string): string {
  const value = String(req.params[name] ?? '');
  if (!isUuid(value)) throw new RequestError('REQUEST_VALUE_PARSING_FAILED', [`failed to parse path \`${name}\`: invalid UUID`]);
  return value.toLowerCase();
}

/** A required non-negative integer query parameter (Golem's uint64). */
export function revisionParam(req: Request, name: string): number {
  const value = req.query[name];
  if (value === undefined) throw new RequestError('REQUEST_MISSING_VALUE', [`failed to parse parameter \`${name}\`: value is required`]);
  if (typeof value !== 'string' || !/^\d{1,20}$/.test(value)) {
    throw new RequestError('REQUEST_VALUE_PARSING_FAILED', [`failed to parse parameter \`${name}\`: expected a non-negative integer`]);
  }
  return Number(value);
}

const pathText = (path: PropertyKey[]) => path.reduce<string>((text, p) => (typeof p === 'number' ? `${text}[${p}]` : text ? `${text}.${String(p)}` : String(p)), '');

function messageFor(issue: BodyIssue): string {
  const at = `\`${pathText(issue.path)}\``;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `missing required member ${at}`;
      if (issue.expected === 'int' || issue.expected === 'number') return `${at} must be a non-negative integer`;
      return `${at} must be ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}`;
    case 'too_small':
      return `${at} must be a non-negative integer`;
    case 'too_big':
      return `${at} is too large`;
    case 'invalid_value':
      return `${at} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'datetime' ? `${at} must be an ISO 8601 date-time` : `${at} must be a UUID`;
    default:
      return `${at}: ${issue.message}`;
  }
}

/** A JSON object body against a schema (src/http/parseBody); unknown members are ignored, as poem-openapi does. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const prefix = 'parse request payload error: ';
  return parseWith(schema, body, {
    wrongShape: () => new RequestError('REQUEST_JSON_BODY_PARSING_FAILED', [`${prefix}expected a JSON object`]),
    refused: (issues) =>
      new RequestError(
        'REQUEST_JSON_BODY_PARSING_FAILED',
        issues.map((i) => prefix + messageFor(i)),
      ),
  });
}
