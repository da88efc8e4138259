// cf CLI 6.53.0 as a new user drives it: each command's requests, as the CLI sends them (User-Agent, Accept,
// Content-Type, bodies), replayed in order against one gateway; statuses and the fields the CLI reads are checked.
// The per-command discovery requests (GET /v2/info, /, /login) are replayed only for api, auth and login.
import recorded from './fixtures/cfCliV6.json';
import { openCliSession, type CliCommand, type CliRecording, type CliSession } from './replayCliSession';
import { startTestGateway, type TestGateway } from '../helpers/testGateway';

const recording = recorded as unknown as CliRecording;
const titleOf = (c: CliCommand) => `${c.command}: ${[...new Set(c.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`))].join(', ')}`;

describe('cf 6.53.0 session', () => {
  let t: TestGateway;
  let session: CliSession;
  beforeAll(async () => {
    t = await startTestGateway({ ADMIN_PASSWORD: 'admin-pass' });
    session = openCliSession(t, recording);
  });
  afterAll(() => t.close());

  for (const command of recording.commands) it(titleOf(command), () => session.run(command));
});
