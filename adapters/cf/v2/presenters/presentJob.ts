// A v2 job (CC's JobPresenter): an operation row seen as queued, running, finished or failed.
import type { Operation } from '../../../../src/core/records';
import { DomainError } from '../../../../src/core/errors';
import { timestamp } from '../../links';
import { v2ErrorBody } from '../renderError';

export function presentJob(op: Operation) {
  const status = op.state === 'succeeded' ? 'finished' : op.state;
  const entity: Record<string, unknown> = { guid: op.guid, status };
  if (op.state === 'failed') {
    const error = op.errors[0];
    entity.error = 'Use of entity>error is deprecated in favor of entity>error_details.';
    entity.error_details = error ? v2ErrorBody(new DomainError('invalid', error.code, error.params)).body : v2ErrorBody(new Error('failed')).body;
  }
  return { metadata: { guid: op.guid, created_at: timestamp(op.createdAt), url: `/v2/jobs/${op.guid}` }, entity };
}

/** CC's answer for a job it does not know: a finished placeholder with guid "0". */
export const NULL_JOB = { metadata: { guid: '0', created_at: '1970-01-01T00:00:00Z', url: '/v2/jobs/0' }, entity: { guid: '0', status: 'finished' } };
