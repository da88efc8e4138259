// cf CLI 6.53.0 as a new user drives it: each command's requests, as the CLI sends them (User-Agent, Accept,
// Content-Type, bodies), replayed in order against one gateway; statuses and the fields the CLI reads are checked.
// The per-command discovery requests (GET /v2/info, /, /login) are replayed only for api, auth and login.
import recorded from './fixtures/cfCliV6.json';
import recordedErrors from './fixtures/cfCliV6Errors.json';
import { openCliSession, type CliCommand, type CliRecording, type CliSession } from './replayCliSession';
import { startTestGateway, type TestGateway } from '../helpers/testGateway';

const recording = recorded as unknown as CliRecording;
const titleOf = (c: CliCommand) => `${c.command}: ${[...new Set(c.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`))].join(', ')}`;

function replaySession(title: string, session: CliRecording) {
  describe(title, () => {
    let t: TestGateway;
    let cli: CliSession;
    beforeAll(async () => {
      t = await startTestGateway({ ADMIN_PASSWORD: 'admin-pass' });
      cli = openCliSession(t, session);
    });
    afterAll(() => t.close());

    for (const command of session.commands) it(titleOf(command), () => cli.run(command));
  });
}

replaySession('cf 6.53.0 session', recording);
// the same commands again (already exists), unknown names, a service that cannot be shared, and a space developer
// working in the space an instance is shared into
replaySession('cf 6.53.0 reruns, errors and the shared-to space', recordedErrors as unknown as CliRecording);
