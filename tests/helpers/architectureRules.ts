// The checks behind tests/architecture.test.ts: each takes a file's repository path and its text (parsed with the
// TypeScript compiler, so comments and strings never count) and returns what breaks the rule, one line per finding.
import path from 'node:path';
import ts from 'typescript';

export interface Import {
  /** the specifier as written */
  spec: string;
  /** the repository-relative path a relative specifier resolves to; null for a package */
  target: string | null;
}

const parse = (file: string, text: string) => ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

const line = (source: ts.SourceFile, node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
const finding = (file: string, source: ts.SourceFile, node: ts.Node, what: string) => `${file}:${line(source, node)}: ${what}`;

const posix = (p: string) => p.split(path.sep).join('/');
export const within = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);

/** Every module a file imports: import and export declarations, import(), require() and `import x = require()`. */
export function importsOf(file: string, text: string): Import[] {
  const specs: string[] = [];
  const stringArg = (args: ts.NodeArray<ts.Expression>) => (args.length > 0 && ts.isStringLiteralLike(args[0]!) ? args[0].text : undefined);
  walk(parse(file, text), (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier)) {
      specs.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteralLike(node.moduleReference.expression)) {
      specs.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const spec = stringArg(node.arguments);
      if (spec !== undefined) specs.push(spec);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteralLike(node.argument.literal)) {
      specs.push(node.argument.literal.text);
    }
  });
  return specs.map((spec) => ({ spec, target: spec.startsWith('.') ? posix(path.posix.join(path.posix.dirname(posix(file)), spec)) : null }));
}

const DB_PACKAGES = ['drizzle-orm', 'drizzle-kit', 'better-sqlite3', 'pg', 'postgres', 'pg-pool'];
const isDbPackage = (i: Import) => i.target === null && DB_PACKAGES.some((p) => i.spec === p || i.spec.startsWith(`${p}/`));
const imports = (file: string, text: string, bad: (i: Import) => string | undefined) =>
  importsOf(file, text).flatMap((i) => {
    const why = bad(i);
    return why ? [`${file}: imports '${i.spec}' (${why})`] : [];
  });

/** Rule 1: src/core imports only src/core (no package at all, so no express, zod, drizzle, node:crypto). */
export const coreImports = (file: string, text: string) =>
  imports(file, text, (i) => (i.target === null ? 'a package' : within(i.target, 'src/core') ? undefined : 'outside src/core'));

/** Rule 1: the core reads no clock, no randomness and no environment: those are injected. */
export function coreImpurities(file: string, text: string): string[] {
  const source = parse(file, text);
  const out: string[] = [];
  walk(source, (node) => {
    if (ts.isIdentifier(node) && !isTypePosition(node) && !isPropertyName(node)) {
      if (['Date', 'performance', 'process', 'crypto', 'randomUUID', 'randomBytes', 'getRandomValues'].includes(node.text)) {
        out.push(finding(file, source, node, `uses ${node.text} (the core gets its clock, ids and settings injected)`));
      }
    }
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Math' && node.name.text === 'random') {
      out.push(finding(file, source, node, 'uses Math.random'));
    }
  });
  return out;
}

function isTypePosition(node: ts.Identifier): boolean {
  const p = node.parent;
  return ts.isTypeReferenceNode(p) || ts.isExpressionWithTypeArguments(p) || ts.isQualifiedName(p) || ts.isTypeQueryNode(p);
}
/** `x.Date`, `{ Date: 1 }`, `interface { Date }`: a name, not a reference to the global. */
function isPropertyName(node: ts.Identifier): boolean {
  const p = node.parent;
  return (
    (ts.isPropertyAccessExpression(p) && p.name === node) ||
    ((ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isMethodSignature(p)) && p.name === node) ||
    (ts.isBindingElement(p) && p.propertyName === node)
  );
}

/** Rule 2: only src/store imports the database packages and schema/. */
export const databaseImports = (file: string, text: string) =>
  within(file, 'src/store') ? [] : imports(file, text, (i) => (isDbPackage(i) ? 'a database package' : i.target !== null && within(i.target, 'schema') ? 'schema/' : undefined));

/** Rule 3: an adapter imports src/core, src/http and its own family; cf/v2 and cf/v3 share adapters/cf but not each other. */
export function adapterImports(file: string, text: string): string[] {
  const [, dialect, sub] = posix(file).split('/');
  const family = `adapters/${dialect}`;
  const version = dialect === 'cf' && sub && /^v\d+$/.test(sub) ? `adapters/cf/${sub}` : undefined;
  return imports(file, text, (i) => {
    if (i.target === null) return undefined;
    if (within(i.target, 'src/core') || within(i.target, 'src/http')) return undefined;
    if (!within(i.target, family)) return `outside ${family}, src/core and src/http`;
    const [, , targetSub] = i.target.split('/');
    if (dialect === 'cf' && targetSub && /^v\d+$/.test(targetSub) && !within(i.target, version ?? '-')) return `another CF version`;
    return undefined;
  });
}

/** src/http is the dialects' common ground: it knows the core, never an adapter, the store, schema/ or drizzle. */
export const httpImports = (file: string, text: string) =>
  imports(file, text, (i) => {
    if (isDbPackage(i)) return 'a database package';
    if (i.target === null) return undefined;
    for (const dir of ['adapters', 'src/store', 'schema']) if (within(i.target, dir)) return `${dir}`;
    return undefined;
  });

/** src/identity reaches the database only through the core. */
export const identityImports = (file: string, text: string) =>
  imports(file, text, (i) => (i.target !== null && (within(i.target, 'src/store') || within(i.target, 'schema')) ? 'the store' : undefined));

/** Rule 4: only src/config.ts reads process.env, in any spelling. */
export function environmentReads(file: string, text: string): string[] {
  const source = parse(file, text);
  const out: string[] = [];
  const isProcess = (e: ts.Expression) => (ts.isIdentifier(e) && e.text === 'process') || (ts.isPropertyAccessExpression(e) && e.name.text === 'process');
  walk(source, (node) => {
    if (ts.isPropertyAccessExpression(node) && isProcess(node.expression) && node.name.text === 'env') out.push(finding(file, source, node, 'reads process.env'));
    if (ts.isElementAccessExpression(node) && isProcess(node.expression)) out.push(finding(file, source, node, 'reads process[...]'));
    if (ts.isVariableDeclaration(node) && node.initializer && isProcess(node.initializer) && ts.isObjectBindingPattern(node.name)) {
      out.push(finding(file, source, node, 'destructures process'));
    }
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && ['process', 'node:process'].includes(node.moduleSpecifier.text)) {
      out.push(finding(file, source, node, 'imports node:process'));
    }
  });
  return out;
}

/** The ways of writing a response through express or node:http. */
export const RESPONSE_WRITERS = [
  'json',
  'jsonp',
  'send',
  'end',
  'status',
  'write',
  'writeHead',
  'writeContinue',
  'writeEarlyHints',
  'set',
  'header',
  'setHeader',
  'setHeaders',
  'appendHeader',
  'removeHeader',
  'flushHeaders',
  'addTrailers',
  'type',
  'contentType',
  'sendStatus',
  'redirect',
  'render',
  'download',
  'sendFile',
  'cookie',
  'clearCookie',
  'append',
  'location',
  'vary',
  'links',
  'attachment',
  'format',
];
const RESPONSE_NAME = /^_?(res|response|resp)$/;
const RESPONSE_TYPE = /^(express\.)?(Response|ServerResponse)\b|^http\.ServerResponse\b/;
const ROUTER_METHODS = new Set(['use', 'all', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
const HANDLER_TYPE = /^(express\.)?(RequestHandler|ErrorRequestHandler|Handler)\b/;

/** The response parameter of an express handler: (req, res, next) or, for error handlers, (err, req, res, next). */
const responseParameter = (fn: ts.SignatureDeclaration) => fn.parameters[fn.parameters.length === 4 ? 2 : 1];
const isFunction = (e: ts.Node): e is ts.ArrowFunction | ts.FunctionExpression => ts.isArrowFunction(e) || ts.isFunctionExpression(e);

/**
 * Rule 4: only the route wrapper (src/http/route.ts) writes responses. A response is a parameter named `res` or
 * `response` or typed Response or ServerResponse, the response parameter of a function given to a router method
 * (`app.use`, `router.get`, ...), typed as a RequestHandler or shaped as middleware (`next` last), and any variable
 * assigned from one. Writing is calling one of RESPONSE_WRITERS on it, indexing it, setting its status, or piping
 * into it.
 */
export function responseWrites(file: string, text: string): string[] {
  const source = parse(file, text);
  const names = new Set<string>();
  const add = (p: ts.ParameterDeclaration | undefined) => p && ts.isIdentifier(p.name) && names.add(p.name.text);
  walk(source, (node) => {
    if (ts.isParameter(node) && ts.isIdentifier(node.name)) {
      if (RESPONSE_NAME.test(node.name.text) || (node.type !== undefined && RESPONSE_TYPE.test(node.type.getText(source)))) add(node);
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ROUTER_METHODS.has(node.expression.name.text)) {
      for (const arg of node.arguments) if (isFunction(arg)) add(responseParameter(arg));
    }
    if (ts.isVariableDeclaration(node) && node.type && HANDLER_TYPE.test(node.type.getText(source)) && node.initializer && isFunction(node.initializer)) {
      add(responseParameter(node.initializer));
    }
    if (isFunction(node) || ts.isFunctionDeclaration(node)) {
      const last = node.parameters[node.parameters.length - 1];
      if (node.parameters.length >= 3 && last && ts.isIdentifier(last.name) && /^_?next$/.test(last.name.text)) add(responseParameter(node));
    }
  });
  walk(source, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isIdentifier(node.initializer) && names.has(node.initializer.text)) {
      names.add(node.name.text);
    }
  });
  const unwrap = (e: ts.Expression): ts.Expression =>
    ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) ? unwrap(e.expression) : e;
  const isResponse = (e: ts.Expression): boolean => {
    const inner = unwrap(e);
    return ts.isIdentifier(inner) && names.has(inner.text);
  };
  const out: string[] = [];
  walk(source, (node) => {
    if (ts.isPropertyAccessExpression(node) && isResponse(node.expression)) {
      const member = node.name.text;
      if (RESPONSE_WRITERS.includes(member)) out.push(finding(file, source, node, `writes the response (.${member})`));
      const parent = node.parent;
      if (['statusCode', 'statusMessage'].includes(member) && ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        out.push(finding(file, source, node, `sets the response's ${member}`));
      }
    }
    if (ts.isElementAccessExpression(node) && isResponse(node.expression)) out.push(finding(file, source, node, 'indexes the response'));
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'pipe' && node.arguments.some(isResponse)) {
      out.push(finding(file, source, node, 'pipes into the response'));
    }
  });
  return out;
}

/** design.md §3 names: a source file is named in camelCase after what it exports. */
export const fileName = (file: string) => (/^[a-z][A-Za-z0-9]*(\.d)?\.ts$/.test(path.basename(file)) ? [] : [`${file}: not a camelCase file name`]);

/** design.md §3: a file that passes 300 lines is split. */
export const MAX_LINES = 300;
export function fileLength(file: string, text: string): string[] {
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  return lines > MAX_LINES ? [`${file}: ${lines} lines (split it below ${MAX_LINES})`] : [];
}

/** What createCore spreads into the Core object: bound modules (by import path) and keys written out. */
export interface CoreComposition {
  modules: { name: string; from: string }[];
  keys: string[];
  /** spreads the parser does not understand */
  unknown: string[];
}

/** Reads src/core/core.ts: `import * as m from './x'` and, in createCore's returned object, `...bindAll(deps, m)` and `key: ...`. */
export function coreComposition(text: string): CoreComposition {
  const source = parse('core.ts', text);
  const namespaces = new Map<string, string>();
  const out: CoreComposition = { modules: [], keys: [], unknown: [] };
  for (const s of source.statements) {
    const bindings = ts.isImportDeclaration(s) ? s.importClause?.namedBindings : undefined;
    if (ts.isImportDeclaration(s) && bindings && ts.isNamespaceImport(bindings) && ts.isStringLiteral(s.moduleSpecifier)) {
      namespaces.set(bindings.name.text, s.moduleSpecifier.text);
    }
  }
  walk(source, (node) => {
    if (!(ts.isFunctionDeclaration(node) && node.name?.text === 'createCore')) return;
    walk(node, (inner) => {
      if (!(ts.isReturnStatement(inner) && inner.expression && ts.isObjectLiteralExpression(inner.expression))) return;
      for (const p of inner.expression.properties) {
        if (ts.isSpreadAssignment(p)) {
          const e = p.expression;
          const arg = ts.isCallExpression(e) ? e.arguments[e.arguments.length - 1] : undefined;
          if (arg && ts.isIdentifier(arg) && namespaces.has(arg.text)) out.modules.push({ name: arg.text, from: namespaces.get(arg.text)! });
          else out.unknown.push(p.getText(source));
        } else if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
          out.keys.push(p.name.text);
        }
      }
    });
  });
  return out;
}

/** Names the Core object would get from more than one source: a later one silently replaces an earlier one. */
export function coreCollisions(sources: { name: string; keys: string[] }[]): string[] {
  const seen = new Map<string, string>();
  const out: string[] = [];
  for (const { name, keys } of sources) {
    for (const key of keys) {
      const earlier = seen.get(key);
      if (earlier !== undefined) out.push(`Core.${key} comes from both ${earlier} and ${name}`);
      else seen.set(key, name);
    }
  }
  return out;
}
