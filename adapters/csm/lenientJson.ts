// Request bodies as CLM clients send them: JSON, with the trailing commas BMC's own examples contain (`},\n]`)
// tolerated. An empty body is "no parameters". Anything else unreadable is `request.malformed_body`.
import express, { type RequestHandler } from 'express';
import { invalid } from '../../src/core/errors';

const text = express.text({ type: () => true, limit: '1mb' });

/** Drops commas that directly precede `]` or `}` (outside strings). */
export function withoutTrailingCommas(source: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += source[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (c === ',') {
      let j = i + 1;
      while (j < source.length && /\s/.test(source[j]!)) j++;
      if (source[j] === ']' || source[j] === '}') continue;
    }
    out += c;
  }
  return out;
}

export function parseLenientJson(source: string): unknown {
  if (source.trim() === '') return undefined;
  try {
    return JSON.parse(source);
  } catch {
    try {
      return JSON.parse(withoutTrailingCommas(source));
    } catch {
      throw invalid('request.malformed_body');
    }
  }
}

/** Reads the body as text and leaves the parsed value (or undefined for none) in `req.body`. */
export const lenientJsonBody: RequestHandler = (req, res, next) => {
  text(req, res, (err?: unknown) => {
    if (err) {
      const type = (err as { type?: string }).type;
      return next(invalid(type === 'entity.too.large' ? 'request.body_too_large' : 'request.malformed_body'));
    }
    try {
      req.body = parseLenientJson(typeof req.body === 'string' ? req.body : '');
      next();
    } catch (e) {
      next(e);
    }
  });
};
