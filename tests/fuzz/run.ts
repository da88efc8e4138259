// `npm run fuzz -- --runs N --seed S`: the fuzz properties with more runs, or replaying a failure from its seed.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5000' }, seed: { type: 'string' } } });
const env = { ...process.env, FUZZ_RUNS: values.runs, ...(values.seed ? { FUZZ_SEED: values.seed } : {}) };
const jest = spawnSync('npx', ['jest', 'tests/fuzz', '--verbose'], { stdio: 'inherit', env });
process.exit(jest.status ?? 1);
