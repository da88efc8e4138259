// BMC-Transaction-ID: one id per request, on every CSM response, and kept on the tasks a request starts.
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';

export const TRANSACTION_HEADER = 'BMC-Transaction-ID';
const KEY = Symbol('bmcTransactionId');
type WithId = Request & { [KEY]?: string };

export const transactionIdOf = (req: Request): string => ((req as WithId)[KEY] ??= randomUUID());

export const transactionId: RequestHandler = (req, _res, next) => {
  transactionIdOf(req);
  next();
};
