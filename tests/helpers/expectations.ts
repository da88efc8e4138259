// Exact-body assertions for the dialects' error envelopes.
import type { Response } from 'supertest';

export function expectCfError(res: Response, status: number, title: string, code: number, detail: string) {
  expect({ status: res.status, body: res.body }).toEqual({ status, body: { errors: [{ detail, title, code }] } });
  expect(Object.keys(res.body.errors[0])).toEqual(['detail', 'title', 'code']);
}

export const expectNotFound = (res: Response, detail = 'Service instance not found') => expectCfError(res, 404, 'CF-ResourceNotFound', 10010, detail);
export const expectForbidden = (res: Response) => expectCfError(res, 403, 'CF-NotAuthorized', 10003, 'You are not authorized to perform the requested action');
export const expectUnprocessable = (res: Response, detail: string) => expectCfError(res, 422, 'CF-UnprocessableEntity', 10008, detail);
export const expectUnauthenticated = (res: Response) => expectCfError(res, 401, 'CF-NotAuthenticated', 10002, 'Authentication error');
