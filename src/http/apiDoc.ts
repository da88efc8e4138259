// How a dialect describes its routes for its OpenAPI document (src/ops/openApiDocument.ts builds the document). The
// list of routes is never written here: it is read from the routers the app registered, so a route cannot be left out;
// a dialect only adds what it knows about each route (its zod schemas, what it answers), or a default by the route's
// shape.
import type { z } from 'zod';
import type { Dialect } from './dialect';
import type { Method } from './makeAdd';

export interface ResponseDoc {
  description: string;
  /** the body; none for an empty answer */
  schema?: z.ZodType;
  /** application/json unless given */
  contentType?: string;
  /** response headers the clients read (name -> description) */
  headers?: Record<string, string>;
}

export interface OperationDoc {
  summary?: string;
  description?: string;
  tags?: string[];
  /** the route's query string (one parameter per member of the object) */
  query?: z.ZodObject;
  /** the zod schema the handler parses the body with */
  body?: z.ZodType;
  /** application/json unless given */
  bodyContentType?: string;
  /** a description per path parameter (each is a string; undescribed ones get their name) */
  params?: Record<string, string>;
  /** extra request headers (name -> description) */
  headers?: Record<string, string>;
  /** the answers other than the dialect's errors (those are documented for every operation) */
  responses: Record<string, ResponseDoc>;
  /** the route needs no credentials */
  open?: boolean;
}

/** A security scheme in OpenAPI's own form (type, scheme, in, name, ...). */
export type SecurityScheme = Record<string, unknown>;

export interface DialectDoc {
  dialect: Exclude<Dialect, 'other'>;
  title: string;
  version: string;
  description: string;
  /** the dialect's error envelope, every operation's answer for an error status */
  error: z.ZodType;
  /** schemes by name; an operation that is not `open` needs any one of them */
  security: Record<string, SecurityScheme>;
  /** tag names with their descriptions, in the order Swagger UI lists them */
  tags?: Record<string, string>;
  /** what the dialect knows about one registered route (`path` as registered: `/v3/spaces/:guid`) */
  operation(method: Method, path: string): OperationDoc;
}
