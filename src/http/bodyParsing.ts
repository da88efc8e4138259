// Request bodies, read once for every dialect: JSON whatever the Content-Type says (legacy CF clients send JSON as
// form-encoded), optionally with trailing commas (BMC's documented CSM examples have them), or form-encoded
// (OAuth token requests). Parse and size failures become domain errors each dialect renders in its own format:
// `request.malformed_body` and `request.body_too_large`. A parsed JSON body is then held to the request's shape
// limits (nesting depth, array members): `request.body_too_complex`. The limits are the request's (`req.limits`,
// set before routing from MAX_BODY_BYTES, MAX_JSON_DEPTH, MAX_JSON_ARRAY_MEMBERS), else the defaults below.
import express, { type Request, type RequestHandler } from 'express';
import { invalid } from '../core/errors';
import { jsonShapeViolation } from './jsonShape';

const DEFAULT_JSON_LIMIT = 1_048_576;
const DEFAULT_MAX_DEPTH = 64;
const DEFAULT_MAX_ARRAY_MEMBERS = 10_000;

export interface BodyParserOptions {
  /** `json` (the default): the body is JSON whatever its Content-Type; `form`: application/x-www-form-urlencoded only */
  format?: 'json' | 'form';
  /** json only: accept a comma before a closing `]` or `}` (outside strings), as in `[{"a":1},]` */
  trailingCommas?: boolean;
  /** the largest body accepted: the request's MAX_BODY_BYTES (1 MiB) for JSON, 64kb for forms unless given */
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

const asDomainError = (err: unknown) => invalid((err as { type?: string }).type === 'entity.too.large' ? 'request.body_too_large' : 'request.malformed_body');

/** The body's shape against the request's limits: the error to raise, or undefined. */
function shapeError(req: Request): Error | undefined {
  const violation = jsonShapeViolation(req.body, {
    maxDepth: req.limits?.maxJsonDepth ?? DEFAULT_MAX_DEPTH,
    maxArrayMembers: req.limits?.maxJsonArrayMembers ?? DEFAULT_MAX_ARRAY_MEMBERS,
  });
  return violation ? invalid('request.body_too_complex', { ...violation }) : undefined;
}

/** One parser per size limit, made when a request first needs it. */
function perLimit(make: (limit: string | number) => RequestHandler, fixed?: string | number): (req: Request) => RequestHandler {
  const made = new Map<string | number, RequestHandler>();
  return (req) => {
    const limit = fixed ?? req.limits?.maxBodyBytes ?? DEFAULT_JSON_LIMIT;
    let parser = made.get(limit);
    if (!parser) made.set(limit, (parser = make(limit)));
    return parser;
  };
}

function tolerantJson(fixedLimit?: string | number): RequestHandler {
  const textFor = perLimit((limit) => express.text({ type: () => true, limit, defaultCharset: 'utf-8' }), fixedLimit);
  return (req, res, next) => {
    textFor(req)(req, res, (err?: unknown) => {
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
      next(shapeError(req));
    });
  };
}

/** A body parser middleware; `req.body` stays undefined when the request has no body. */
export function bodyParser(options: BodyParserOptions = {}): RequestHandler {
  return unlessBodyLost(parserOf(options));
}

function parserOf(options: BodyParserOptions): RequestHandler {
  if (options.format !== 'form' && options.trailingCommas) return tolerantJson(options.limit);
  if (options.format === 'form') {
    const parser = express.urlencoded({ extended: false, limit: options.limit ?? '64kb', parameterLimit: options.parameterLimit ?? 100 });
    return (req, res, next) => parser(req, res, (err?: unknown) => next(err ? asDomainError(err) : undefined));
  }
  const parserFor = perLimit((limit) => express.json({ type: () => true, limit, strict: false }), options.limit);
  return (req, res, next) => {
    parserFor(req)(req, res, (err?: unknown) => next(err ? asDomainError(err) : shapeError(req)));
  };
}

const declaresBody = (req: Request) => req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
const clientGone = (req: Request) => req.destroyed || req.socket.destroyed;

/**
 * express's parsers skip a request whose stream has already finished (the client sent it and hung up before it was
 * read) and leave `req.body` undefined, as for a request without a body. A request that declared a body and lost it
 * is refused, never handled as if it had sent none (an empty CSM search body means "everything").
 */
function unlessBodyLost(parser: RequestHandler): RequestHandler {
  return (req, res, next) =>
    parser(req, res, (err?: unknown) => {
      if (err === undefined && req.body === undefined && declaresBody(req) && clientGone(req)) return next(invalid('request.malformed_body'));
      next(err as Error | undefined);
    });
}

/** JSON bodies whatever the Content-Type (up to the request's MAX_BODY_BYTES). */
export const jsonBody = bodyParser();

/** application/x-www-form-urlencoded bodies (up to 64kb and 100 parameters). */
export const formBody = bodyParser({ format: 'form' });
