// Each dialect's error envelope, registered by dialect: how its errors are rendered and what an unknown route of its
// prefix answers. Requests that reach no router (and errors raised before one) are answered in the envelope of the
// dialect their path names (src/http/dialect.ts), or in the fallback's.
import type { Request } from 'express';
import type { Dialect } from './dialect';
import { dialectOf } from './dialect';
import type { ErrorRenderer, Reply } from './route';

export interface ErrorEnvelope {
  render: ErrorRenderer;
  /** the answer to a path under this dialect's prefix that no route matches */
  unknownRoute: (req: Request) => Reply;
}

export type ErrorEnvelopes = Partial<Record<Dialect, ErrorEnvelope>>;

export function envelopeOf(envelopes: ErrorEnvelopes, fallback: ErrorEnvelope) {
  return (req: Request): ErrorEnvelope => envelopes[dialectOf(req.originalUrl)] ?? fallback;
}
