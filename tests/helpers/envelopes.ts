// What each dialect's error answer looks like, for tests that check an answer is in the envelope of the API called.
import type { Response } from 'supertest';

export type Dialect = 'v3' | 'v2' | 'csm' | 'env-shares' | 'uaa' | 'ops';

/** Throws unless `res` is a JSON error in `dialect`'s own envelope. */
export function expectEnvelope(res: Response, dialect: Dialect): void {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.body as Record<string, unknown> & unknown[];
  switch (dialect) {
    case 'v3':
      expect(body).toEqual({ errors: [{ detail: expect.any(String), title: expect.stringMatching(/^CF-/), code: expect.any(Number) }] });
      return;
    case 'v2':
      expect(body).toEqual({ description: expect.any(String), error_code: expect.stringMatching(/^CF-/), code: expect.any(Number) });
      return;
    case 'csm':
      expect(body).toEqual([{ cloudClass: 'com.bmc.cloud.model.beans.CloudError', errorCause: expect.any(String), errorID: expect.any(String), guid: expect.any(String) }]);
      return;
    case 'env-shares':
      expect(typeof body.code).toBe('string');
      expect(typeof body.error === 'string' || Array.isArray(body.errors)).toBe(true);
      return;
    case 'ops':
      expect(body).toEqual({ error: expect.any(String), message: expect.any(String) });
      return;
    case 'uaa':
      expect(body).toMatchObject({ error: expect.any(String), error_description: expect.any(String) });
  }
}
