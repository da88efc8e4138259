// Replays what the cf CLI sends for a command: the same method, path, headers and body, with the guids that earlier
// answers returned put in place of `{name}` placeholders, and checks the status and the fields the CLI reads.
import type request from 'supertest';
import { BASE, useGateway, type TestGateway } from '../helpers/testGateway';

export interface CliRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** path and query as sent, `{name}` placeholders for guids learnt earlier */
  path: string;
  /** headers besides the session defaults */
  headers?: Record<string, string>;
  /** `bearer` (default): the token the session logged in with; `basic`: the header in `basic`; `none` */
  auth?: 'bearer' | 'basic' | 'none';
  basic?: string;
  /** JSON body */
  body?: unknown;
  /** form-encoded body (token grants) */
  form?: string;
  status: number;
  /** dotted path -> value the CLI reads (`#json` parses a JSON string on the way); `<string>`: any non-empty string */
  expect?: Record<string, unknown>;
  /** name -> dotted path in the answer (or `location`: the guid ending the Location header) */
  save?: Record<string, string>;
}

export interface CliCommand {
  command: string;
  requests: CliRequest[];
}

export interface CliRecording {
  headers: Record<string, string>;
  commands: CliCommand[];
}

export interface CliSession {
  vars: Record<string, string>;
  run(command: CliCommand): Promise<void>;
}

const PLACEHOLDER = /\{([^{}"]+)\}/g;

function at(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split('.')) {
    if (v === null || v === undefined) return undefined;
    if (key === 'length' && Array.isArray(v)) return v.length;
    if (key === '#json') v = typeof v === 'string' ? JSON.parse(v) : undefined;
    else v = (v as Record<string, unknown>)[key];
  }
  return v;
}

export function openCliSession(t: Pick<TestGateway, 'http' | 'settle'>, recording: CliRecording): CliSession {
  const vars: Record<string, string> = { base: BASE };
  const fill = (s: string): string =>
    s.replace(PLACEHOLDER, (whole, name: string) => {
      if (!(name in vars)) throw new Error(`no value for ${whole} yet`);
      return vars[name]!;
    });
  const fillDeep = (v: unknown): unknown => {
    if (typeof v === 'string') return fill(v);
    if (Array.isArray(v)) return v.map(fillDeep);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fillDeep(x)]));
    return v;
  };

  const send = (step: CliRequest): request.Test => {
    const method = step.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let req = t.http[method](fill(step.path)).set({ ...recording.headers, ...(step.headers ?? {}) });
    const auth = step.auth ?? 'bearer';
    if (auth === 'bearer') req = req.set('Authorization', `bearer ${vars.token ?? ''}`);
    if (auth === 'basic' && step.basic) req = req.set('Authorization', step.basic);
    if (step.form !== undefined) req = req.send(fill(step.form));
    else if (step.body !== undefined) req = req.send(JSON.stringify(fillDeep(step.body)));
    return req;
  };

  const run = async (command: CliCommand): Promise<void> => {
    // time passes between commands and after an accepted (202) request: the gateway runs queued operations meanwhile
    await t.settle();
    for (const step of command.requests) {
      if (step.method === 'GET' && /\/jobs\//.test(step.path)) await t.settle();
      const line = `${command.command}: ${step.method} ${step.path}`;
      const res = await send(step);
      const body: unknown = res.body;
      if (res.status === 202) await t.settle();
      if (res.status !== step.status) throw new Error(`${line} answered ${res.status}, the CLI needs ${step.status}: ${res.text}`);
      for (const [name, path] of Object.entries(step.save ?? {})) {
        const value = path === 'location' ? /([0-9a-f-]{36})\/?$/.exec(String(res.headers.location ?? ''))?.[1] : at(body, path);
        if (typeof value !== 'string' || value === '') throw new Error(`${line}: no ${path} in the answer for {${name}}: ${res.text}`);
        vars[name] = value;
      }
      for (const [path, wanted] of Object.entries(step.expect ?? {})) {
        const got = at(body, path);
        if (wanted === '<string>') expect({ [path]: typeof got === 'string' && got.length > 0 }).toEqual({ [path]: true });
        else expect({ line, [path]: got }).toEqual({ line, [path]: fillDeep(wanted) });
      }
    }
  };

  return { vars, run };
}

/** A test title: the command line, then the distinct request lines it sends. */
export const titleOf = (c: CliCommand): string => `${c.command}: ${[...new Set(c.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`))].join(', ')}`;

/** One gateway (with the admin a new user logs in as) per recording; each command is a test, run in order. */
export function replayCliSession(title: string, recording: CliRecording): void {
  describe(title, () => {
    const cli = openCliSession(useGateway({ ADMIN_PASSWORD: 'admin-pass' }, { ready: true }), recording);
    for (const command of recording.commands) it(titleOf(command), () => cli.run(command));
  });
}
