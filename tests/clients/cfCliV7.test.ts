// cf CLI 7.3.0 as a new user drives it: each command's requests, as the CLI sends them (User-Agent, Accept,
// Content-Type, bodies), replayed in order against one gateway; statuses and the fields the CLI reads are checked.
// The per-command discovery requests (GET /, /v3, /login) are replayed only for api, auth and login.
import recorded from './fixtures/cfCliV7.json';
import recordedErrors from './fixtures/cfCliV7Errors.json';
import { openCliSession, replayCliSession, titleOf, type CliCommand, type CliRecording } from './replayCliSession';
import { useGateway } from '../helpers/testGateway';

const recording = recorded as unknown as CliRecording;
const named = (label: string): CliCommand => {
  const found = recording.commands.find((c) => c.command === label);
  if (!found) throw new Error(`no recorded command ${label}`);
  return found;
};

replayCliSession('cf 7.3.0 session', recording);
// the same commands again (already exists), unknown names, a service that cannot be shared, and a space developer
// working in the space an instance is shared into
replayCliSession('cf 7.3.0 reruns, errors and the shared-to space', recordedErrors as unknown as CliRecording);

// cf marketplace (7.3.0) lists plans with the offering and its broker's name in one request.
const MARKETPLACE: CliCommand = {
  command: 'cf marketplace',
  requests: [
    {
      method: 'GET',
      path: '/v3/service_plans?fields%5Bservice_offering.service_broker%5D=name%2Cguid&include=service_offering&space_guids={space:s7}',
      status: 200,
      expect: {
        'resources.length': 3,
        'resources.0.name': 'small',
        'resources.0.relationships.service_offering.data.guid': '{offering:postgres}',
        'included.service_offerings.0.guid': '{offering:postgres}',
        'included.service_offerings.0.name': 'postgres',
        'included.service_offerings.0.relationships.service_broker.data.guid': '{broker}',
        'included.service_brokers.length': 1,
        'included.service_brokers.0.guid': '{broker}',
        'included.service_brokers.0.name': 'sharegate-broker',
      },
      save: { 'offering:postgres': 'included.service_offerings.0.guid', broker: 'included.service_brokers.0.guid' },
    },
  ],
};

describe('cf 7.3.0 marketplace', () => {
  const session = openCliSession(useGateway({ ADMIN_PASSWORD: 'admin-pass' }, { ready: true }), recording);
  beforeAll(async () => {
    for (const label of ['cf auth admin admin-pass', 'cf create-org o7', 'cf create-space s7 -o o7', 'cf target -o o7 -s s7']) await session.run(named(label));
  });

  it(titleOf(MARKETPLACE), () => session.run(MARKETPLACE));
});
