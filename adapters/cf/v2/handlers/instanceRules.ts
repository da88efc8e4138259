// Service instance field rules as CC's model validations word them in v2.
import type { Request } from 'express';
import { CfError } from '../../errorCatalogue';
import { presentPage } from '../envelope';
import { parseV2List } from '../listParams';

const MAX_NAME = 255;
const MAX_TAGS = 2048;

/** The name, whitespace-stripped: required and at most 255 characters. */
export function checkName(raw: string): string {
  const name = raw.trim();
  if (name === '') throw new CfError('ServiceInstanceNameEmpty');
  if (name.length > MAX_NAME) throw new CfError('ServiceInstanceNameTooLong');
  return name;
}

/** The tags together at most 2048 characters. */
export function checkTags(name: string, tags: string[] | undefined): void {
  if (tags && tags.join('').length > MAX_TAGS) throw new CfError('ServiceInstanceTagsTooLong', name);
}

/** A relation list that is always empty here (bindings, keys, routes: there are no apps). */
export function emptyList(path: string, req: Request) {
  const l = parseV2List(req.query, { q: [] });
  return presentPage(path, l, { total: 0, items: [] }, (x: never) => x);
}
