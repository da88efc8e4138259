// How many runs the fuzz properties make and from which seed: a bounded number in `npm test`, more with
// `npm run fuzz -- --runs N --seed S` (which passes them as FUZZ_RUNS and FUZZ_SEED), and a failure replays with
// its printed seed.
export interface FuzzSettings {
  runs: number;
  seed: number;
}

export function fuzzSettings(defaultRuns: number): FuzzSettings {
  const runs = Number(process.env.FUZZ_RUNS ?? '') || defaultRuns;
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 0x7fffffff);
  return { runs, seed };
}
