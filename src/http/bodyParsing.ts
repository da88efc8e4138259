// Request bodies, read once for every dialect: JSON whatever the Content-Type says (legacy CF clients send JSON as
// form-encoded), optionally with trailing commas (BMC's documented CSM examples have them), or form-encoded
// (OAuth token requests). Parse and size failures become domain errors each dialect renders in its own format:
// `request.malformed_body` and `request.body_too_large`.
import express, { type RequestHandler } from 'express';
import { invalid } from '../core/errors';

export interface BodyParserOptions {
  /** `json` (the default): the body is JSON whatever its Content-Type; `form`: application/x-www-form-urlencoded only */
  format?: 'json' | 'form';
  /** json only: accept a comma before a closing `]` or `}` (outside strings), as in `[{"a":1},]` */
  trailingCommas?: boolean;
  /** the largest body accepted: 1mb for JSON, 64kb for forms unless given */
  limit?: string | number;
  /** form only: the most parameters accepted (100 unless given) */
  parameterLimit?: number;
}

/**
 * Removes each comma that ends a non-empty array or object (a comma followed, after white space, by `]` or `}`),
 * leaving string contents alone; `[,]` and `[1,,]` stay malformed.
 */
export function stripTrailingCommas(text: string): string {
  let out = '';
  let inString = false;
  /** the last character outside white space written so far */
  let last = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') {
        inString = false;
        last = c;
      }
      continue;
    }
    if (c === '"') inString = true;
    else if (c === ',' && last !== '' && !'[{,'.includes(last)) {
      let j = i + 1;
      while (j < text.length && ' \t\r\n'.includes(text[j]!)) j++;
      if (text[j] === ']' || text[j] === '}') continue;
    }
    out += c;
    if (!' \t\r\n'.includes(c)) last = c;
  }
  return out;
}

const asDomainError = (err: unknown) =>
  invalid((err as { type?: string }).type === 'entity.too.large' ? 'request.body_too_large' : 'request.malformed_body');

function tolerantJson(limit: string | number): RequestHandler {
  const text = express.text({ type: () => true, limit, defaultCharset: 'utf-8' });
  return (req, res, next) => {
    text(req, res, (err?: unknown) => {
      if (err) return next(asDomainError(err));
      if (typeof req.body !== 'string') return next();
      if (req.body.length === 0) {
        req.body = {}; // as the strict parser answers an empty body
        return next();
      }
      try {
        req.body = JSON.parse(stripTrailingCommas(req.body as string)) as unknown;
      } catch {
        return next(invalid('request.malformed_body'));
      }
      next();
    });
  };
}

/** A body parser middleware; `req.body` stays undefined when the request has no body. */
export function bodyParser(options: BodyParserOptions = {}): RequestHandler {
  if (options.format !== 'form' && options.trailingCommas) return tolerantJson(options.limit ?? '1mb');
  const parser =
    options.format === 'form'
      ? express.urlencoded({ extended: false, limit: options.limit ?? '64kb', parameterLimit: options.parameterLimit ?? 100 })
      : express.json({ type: () => true, limit: options.limit ?? '1mb', strict: false });
  return (req, res, next) => {
    parser(req, res, (err?: unknown) => next(err ? asDomainError(err) : undefined));
  };
}

/** JSON bodies whatever the Content-Type (up to 1mb). */
export const jsonBody = bodyParser();

/** application/x-www-form-urlencoded bodies (up to 64kb and 100 parameters). */
export const formBody = bodyParser({ format: 'form' });
