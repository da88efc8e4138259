// POST /csm/<class>/<operation> and /csm/<class>/<guid>/<operation>: parse the standard body against the operation's
// declared parameters, check callback and callouts, make the core call, then answer the Task once it is finished or
// the request's timeout has passed (or SearchResults, for a search).
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Core } from '../../../src/core/core';
import { invalid } from '../../../src/core/errors';
import type { Operation, OperationHooks } from '../../../src/core/records';
import { checkDestination, type Allowlist } from '../../../src/http/outbound';
import type { Reply } from '../../../src/http/route';
import { parseStandardRequest, type StandardRequest } from '../operationParams';
import type { CsmOperation } from '../operations';
import { presentTask, taskStateOf } from '../presenters/presentTask';
import { transactionIdOf } from '../transaction';

export interface OperationOptions {
  publicUrl: string;
  defaultTimeoutSeconds: number;
  callouts: Record<string, string>;
  allowlist: Allowlist;
}

/** Callback and callouts are checked before any task is made: an unknown callout or a refused URL is a 400. */
async function hooksOf(std: StandardRequest, options: OperationOptions): Promise<OperationHooks> {
  const hooks: OperationHooks = {};
  for (const [member, hook] of [
    ['preCallout', 'before'],
    ['postCallout', 'after'],
  ] as const) {
    const name = std[member];
    if (name === null) continue;
    const url = Object.hasOwn(options.callouts, name) ? options.callouts[name] : undefined;
    if (url === undefined) throw invalid('csm.unknown_callout', { name });
    const dest = await checkDestination(url, options.allowlist);
    if (!dest.ok) throw invalid('csm.callout_refused', { name, reason: dest.reason });
    hooks[hook] = { name, url };
  }
  if (std.callbackURL !== null) {
    const dest = await checkDestination(std.callbackURL, options.allowlist);
    if (!dest.ok) throw invalid('csm.callback_refused', { url: std.callbackURL, reason: dest.reason });
    hooks.notify = std.callbackURL;
  }
  return hooks;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the task's row until it is finished or `seconds` have passed. */
async function waitFor(core: Core, req: Request, op: Operation, seconds: number): Promise<Operation> {
  const deadline = Date.now() + seconds * 1000;
  let current = op;
  let pause = 10;
  while (!['COMPLETED', 'FAILED'].includes(taskStateOf(current)) && Date.now() < deadline) {
    await sleep(Math.min(pause, Math.max(1, deadline - Date.now())));
    pause = Math.min(pause * 2, 200);
    current = await core.getOwnOperation(req.actor!, op.guid);
  }
  return current;
}

export async function runOperation(req: Request, core: Core, entry: CsmOperation, guid: string, options: OperationOptions): Promise<Reply> {
  const std = parseStandardRequest(req.body, entry.name, entry.params);
  const ctx = { core, actor: req.actor!, guid, std, newGuid: randomUUID, request: {} };
  if (entry.kind === 'search') return { status: 200, body: [await entry.run(ctx)] };
  const hooks = await hooksOf(std, options);
  const request = { className: entry.className, operationName: entry.name, transactionId: transactionIdOf(req), operationParams: std.received };
  const op = await entry.run({ ...ctx, request: { hooks, request } });
  const timeout = std.timeout === -1 ? options.defaultTimeoutSeconds : std.timeout;
  const current = timeout === 0 ? op : await waitFor(core, req, op, timeout);
  return { status: 200, body: [presentTask(current, options.publicUrl)] };
}
