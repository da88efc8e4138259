// SCIM filters on users, as UAA accepts them: `userName eq "x"`, `origin eq 'uaa' and userName sw "a"`,
// `id pr`, with and/or/parentheses. Parsed to a predicate, plus the equality tests the store can apply first.
import type { AccountFilter } from '../../src/core/commands/accounts';
import type { User } from '../../src/core/records';

type Cmp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'pr';
type Node = { kind: 'and' | 'or'; left: Node; right: Node } | { kind: 'test'; attr: Attr; cmp: Cmp; value: string };
type Attr = 'id' | 'username' | 'origin' | 'email';

const ATTRS: Record<string, Attr> = { id: 'id', username: 'username', origin: 'origin', email: 'email', emails: 'email', 'emails.value': 'email' };
const CMPS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'pr']);

export class FilterError extends Error {}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push(c);
      i++;
    } else if (c === '"' || c === "'") {
      let value = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) value += text[j] === '\\' && j + 1 < text.length ? text[++j] : text[j];
      if (j >= text.length) throw new FilterError('unterminated string');
      tokens.push(`"${value}`); // a leading quote marks a string literal
      i = j + 1;
    } else {
      const m = /^[^\s()"']+/.exec(text.slice(i))!;
      tokens.push(m[0]);
      i += m[0].length;
    }
  }
  return tokens;
}

const MAX_LENGTH = 4096;
const MAX_DEPTH = 32;

function parse(text: string): Node {
  if (text.length > MAX_LENGTH) throw new FilterError('filter too long');
  const tokens = tokenize(text);
  let pos = 0;
  let depth = 0;
  const peek = () => tokens[pos]?.toLowerCase();
  const next = () => {
    const t = tokens[pos++];
    if (t === undefined) throw new FilterError('unexpected end');
    return t;
  };

  function unary(): Node {
    if (peek() === '(') {
      pos++;
      if (++depth > MAX_DEPTH) throw new FilterError('nested too deeply');
      const inner = or();
      if (next() !== ')') throw new FilterError('missing )');
      depth--;
      return inner;
    }
    const name = next();
    const attr = ATTRS[name.toLowerCase()];
    if (!attr || name.startsWith('"')) throw new FilterError(`unknown attribute ${name}`);
    const cmp = next().toLowerCase();
    if (!CMPS.has(cmp)) throw new FilterError(`unknown operator ${cmp}`);
    if (cmp === 'pr') return { kind: 'test', attr, cmp: 'pr', value: '' };
    const value = next();
    if (!value.startsWith('"')) throw new FilterError('a value must be quoted');
    return { kind: 'test', attr, cmp: cmp as Cmp, value: value.slice(1) };
  }
  function and(): Node {
    let left = unary();
    while (peek() === 'and') {
      pos++;
      left = { kind: 'and', left, right: unary() };
    }
    return left;
  }
  function or(): Node {
    let left = and();
    while (peek() === 'or') {
      pos++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  }
  const node = or();
  if (pos !== tokens.length) throw new FilterError('trailing input');
  return node;
}

const field = (u: User, attr: Attr): string | null => (attr === 'id' ? u.guid : attr === 'username' ? u.username : attr === 'origin' ? (u.origin ?? 'uaa') : u.email);

function test(node: Node, u: User): boolean {
  if (node.kind !== 'test') return node.kind === 'and' ? test(node.left, u) && test(node.right, u) : test(node.left, u) || test(node.right, u);
  const raw = field(u, node.attr);
  if (node.cmp === 'pr') return raw !== null && raw !== '';
  if (raw === null) return node.cmp === 'ne';
  // case-insensitive, as UAA compares these attributes (ids are compared exactly)
  const v = node.attr === 'id' ? raw : raw.toLowerCase();
  const w = node.attr === 'id' ? node.value : node.value.toLowerCase();
  switch (node.cmp) {
    case 'eq':
      return v === w;
    case 'ne':
      return v !== w;
    case 'co':
      return v.includes(w);
    case 'sw':
      return v.startsWith(w);
    case 'ew':
      return v.endsWith(w);
  }
  return false;
}

/** Equalities every match must satisfy, as a store filter (exact match narrows the candidates first). */
function pushdown(node: Node, out: AccountFilter): void {
  if (node.kind === 'test') {
    if (node.cmp === 'eq' && node.attr === 'id') out.guids = [node.value];
  } else if (node.kind === 'and') {
    pushdown(node.left, out);
    pushdown(node.right, out);
  }
}

export interface ParsedFilter {
  store: AccountFilter;
  matches: (u: User) => boolean;
}

/** Throws FilterError for anything it cannot read. */
export function parseUserFilter(text: string | undefined): ParsedFilter {
  if (text === undefined || text.trim() === '') return { store: {}, matches: () => true };
  const node = parse(text);
  const store: AccountFilter = {};
  pushdown(node, store);
  return { store, matches: (u) => test(node, u) };
}
