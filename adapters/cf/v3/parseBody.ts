// Request bodies (src/http/parseBody): zod validation, with Cloud Controller's messages joined by ", " into one 422.
import type { z } from 'zod';
import { parseBody as parseWith, type BodyIssue } from '../../../src/http/parseBody';
import { CfError, unprocessable } from '../errorCatalogue';

const humanize = (key: string) => {
  const text = key.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};
const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
const pathKey = (path: PropertyKey[]) => path.map((p) => (typeof p === 'number' ? '*' : String(p))).join('.');

export type Overrides = Record<string, string | ((path: PropertyKey[], missing: boolean, code: string) => string)>;

function messagesFor(issue: BodyIssue, overrides: Overrides): string[] {
  const override = overrides[pathKey(issue.path)];
  // extra keys inside a to-one relationship are a structure error there, as CC's ToOneRelationshipValidator says
  const insideRelationship = issue.path[0] === 'relationships' && issue.path.length >= 2;
  if (override !== undefined && (issue.code !== 'unrecognized_keys' || insideRelationship)) {
    return [typeof override === 'string' ? override : override(issue.path, issue.input === undefined, issue.code)];
  }
  const last = [...issue.path].reverse().find((p) => typeof p === 'string');
  const name = humanize(typeof last === 'string' ? last : 'value');
  switch (issue.code) {
    case 'unrecognized_keys': {
      const prefix = issue.path.length ? `${humanize(String(issue.path[issue.path.length - 1]))} ` : '';
      return [`${prefix}Unknown field(s): ${issue.keys.map((k) => `'${k}'`).join(', ')}`];
    }
    case 'invalid_type':
      if (issue.expected === 'string' && issue.input === undefined) return [`${name} must be a string`, `${name} can't be blank`];
      return [`${name} must be ${article(issue.expected === 'record' ? 'object' : issue.expected)}`];
    case 'too_small':
      return [`${name} can't be blank`];
    case 'too_big':
      return [`${name} is too long (maximum is ${String(issue.maximum)} characters)`];
    case 'invalid_value':
      return [`${name} must be one of ${issue.values.map((v) => `'${String(v)}'`).join(', ')}`];
    default:
      return [issue.message];
  }
}

/**
 * Parses a JSON body against a schema. `overrides` maps a path ("name", "data.*.guid") to CC's exact message.
 * An absent body counts as {}; a body that is not a JSON object is a parse error.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, overrides: Overrides = {}): z.output<S> {
  return parseWith(schema, body, {
    absent: {},
    wrongShape: () => new CfError('MessageParseError', 'invalid request body'),
    refused: (issues, input) => {
      // CC's RelationshipValidator answers an empty relationships object with one message of its own.
      const rel = (input as Record<string, unknown>).relationships;
      const emptyRelationships = typeof rel === 'object' && rel !== null && !Array.isArray(rel) && Object.keys(rel).length === 0;
      const messages = [
        ...new Set(
          issues.flatMap((i) =>
            emptyRelationships && i.path[0] === 'relationships' ? ["Relationships 'relationships' must include one or more valid relationships"] : messagesFor(i, overrides),
          ),
        ),
      ];
      return unprocessable(messages.join(', '));
    },
  });
}
