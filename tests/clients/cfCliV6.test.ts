// cf CLI 6.53.0 as a new user drives it: each command's requests, as the CLI sends them (User-Agent, Accept,
// Content-Type, bodies), replayed in order against one gateway; statuses and the fields the CLI reads are checked.
// The per-command discovery requests (GET /v2/info, /, /login) are replayed only for api, auth and login.
import recorded from './fixtures/cfCliV6.json';
import recordedErrors from './fixtures/cfCliV6Errors.json';
import { replayCliSession, type CliRecording } from './replayCliSession';

const recording = recorded as unknown as CliRecording;

replayCliSession('cf 6.53.0 session', recording);
// the same commands again (already exists), unknown names, a service that cannot be shared, and a space developer
// working in the space an instance is shared into
replayCliSession('cf 6.53.0 reruns, errors and the shared-to space', recordedErrors as unknown as CliRecording);
