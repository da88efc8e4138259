// The rules of design.md §3, checked over every source file; each check is also shown to catch a small violation.
import fs from 'node:fs';
import path from 'node:path';
import {
  adapterImports,
  coreCollisions,
  coreComposition,
  coreImports,
  coreImpurities,
  databaseImports,
  environmentReads,
  fileLength,
  fileName,
  httpImports,
  identityImports,
  importsOf,
  RESPONSE_WRITERS,
  responseWrites,
} from './helpers/architectureRules';

const root = path.join(__dirname, '..');

/** Repository-relative paths (with /) of the TypeScript files under `dir`. */
function filesUnder(dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return filesUnder(rel);
    return /\.ts$/.test(e.name) ? [rel] : [];
  });
}
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const check = (files: string[], rule: (file: string, text: string) => string[]) => files.flatMap((file) => rule(file, read(file)));
const source = () => [...filesUnder('src'), ...filesUnder('adapters')];
const sourceExcept = (file: string) => source().filter((f) => f !== file);

describe('architecture (design.md §3)', () => {
  it('src/core imports only src/core (no express, zod, drizzle or any other package)', () => {
    expect(filesUnder('src/core').length).toBeGreaterThan(10);
    expect(check(filesUnder('src/core'), coreImports)).toEqual([]);
  });

  it('src/core reads no clock, randomness or environment: no Date (not even new Date(x)), Math.random, process, crypto', () => {
    expect(check(filesUnder('src/core'), coreImpurities)).toEqual([]);
  });

  it('only src/store imports drizzle, the database drivers and schema/', () => {
    expect(check(source(), databaseImports)).toEqual([]);
  });

  it('an adapter imports src/core, src/http and its own family only; cf/v2 and cf/v3 share adapters/cf but not each other', () => {
    expect(check(filesUnder('adapters'), adapterImports)).toEqual([]);
  });

  it('src/http imports no adapter, no store, no schema/ and no database package', () => {
    expect(check(filesUnder('src/http'), httpImports)).toEqual([]);
  });

  it('src/identity keeps away from src/store', () => {
    expect(check(filesUnder('src/identity'), identityImports)).toEqual([]);
  });

  it('only src/config.ts reads process.env', () => {
    expect(check(sourceExcept('src/config.ts'), environmentReads)).toEqual([]);
  });

  it('only the route wrapper (src/http/route.ts) writes responses', () => {
    expect(check(sourceExcept('src/http/route.ts'), responseWrites)).toEqual([]);
    expect(responseWrites('src/http/route.ts', read('src/http/route.ts')).length).toBeGreaterThan(0); // the check sees the wrapper's own writes
  });

  it('source files are named in camelCase and stay under 300 lines', () => {
    expect(source().flatMap(fileName)).toEqual([]);
    expect(check(source(), fileLength)).toEqual([]);
  });

  it('no two modules bound into the Core object export the same name, and the Core object does not hand out its deps', async () => {
    const composition = coreComposition(read('src/core/core.ts'));
    expect(composition.unknown).toEqual([]);
    expect(composition.modules.length).toBeGreaterThan(5);
    expect(composition.keys).not.toContain('deps');
    const sources = await Promise.all(
      composition.modules.map(async ({ name, from }) => {
        const mod = (await import(path.join(root, 'src/core', from))) as Record<string, unknown>;
        return { name, keys: Object.keys(mod).filter((k) => typeof mod[k] === 'function') };
      }),
    );
    expect(coreCollisions([...sources, { name: 'createCore itself', keys: composition.keys }])).toEqual([]);
  });
});

describe('each architecture check catches a violation', () => {
  it('reads imports of every form, resolving relative ones, and ignores comments and strings', () => {
    const text = [
      "import a from 'express';",
      "import type { B } from '../store/sqliteStore';",
      "import './sideEffect';",
      "export * from '../../schema/sqlite';",
      "const c = require('zod');",
      "const d = await import('drizzle-orm');",
      "import e = require('pg');",
      "type F = import('../http/route').Reply;",
      "// import g from 'ignored-in-a-comment';",
      'const h = "import i from \'ignored-in-a-string\'";',
    ].join('\n');
    expect(importsOf('src/core/x.ts', text)).toEqual([
      { spec: 'express', target: null },
      { spec: '../store/sqliteStore', target: 'src/store/sqliteStore' },
      { spec: './sideEffect', target: 'src/core/sideEffect' },
      { spec: '../../schema/sqlite', target: 'schema/sqlite' },
      { spec: 'zod', target: null },
      { spec: 'drizzle-orm', target: null },
      { spec: 'pg', target: null },
      { spec: '../http/route', target: 'src/http/route' },
    ]);
  });

  it('src/core importing a package or anything outside src/core', () => {
    expect(coreImports('src/core/a.ts', "import { z } from 'zod';")).toHaveLength(1);
    expect(coreImports('src/core/commands/a.ts', "import type { Request } from 'express';")).toHaveLength(1);
    expect(coreImports('src/core/a.ts', "import { x } from '../http/route';")).toHaveLength(1);
    expect(coreImports('src/core/a.ts', "import { randomUUID } from 'node:crypto';")).toHaveLength(1);
    expect(coreImports('src/core/commands/a.ts', "import { x } from '../errors';\nimport type { Store } from '../store';")).toEqual([]);
  });

  it('src/core reading the clock, randomness or the environment', () => {
    for (const bad of [
      'const t = Date.now();',
      'const d = new Date();',
      'const iso = new Date(record.createdAt).toISOString();',
      'const s = Date();',
      'const n = Math.random();',
      'const id = crypto.randomUUID();',
      'const e = process.env.X;',
      'const p = performance.now();',
    ]) {
      expect({ bad, findings: coreImpurities('src/core/a.ts', bad).length }).toEqual({ bad, findings: 1 });
    }
    expect(coreImpurities('src/core/a.ts', 'const now = deps.clock.now();\nconst r = { Date: 1 };\nconst y = x.Date;\n// new Date()\nconst s = "Date.now()";')).toEqual([]);
  });

  it('a database package or schema/ imported outside src/store', () => {
    expect(databaseImports('src/core/a.ts', "import { eq } from 'drizzle-orm';")).toHaveLength(1);
    expect(databaseImports('adapters/csm/a.ts', "import Database from 'better-sqlite3';")).toHaveLength(1);
    expect(databaseImports('src/http/a.ts', "import { Pool } from 'pg';")).toHaveLength(1);
    expect(databaseImports('src/app.ts', "import * as schema from '../schema/sqlite';")).toHaveLength(1);
    expect(databaseImports('src/store/sqlite/a.ts', "import { eq } from 'drizzle-orm';\nimport * as s from '../../../schema/sqlite';")).toEqual([]);
  });

  it('an adapter importing another dialect, the other CF version, the store or other parts of src', () => {
    expect(adapterImports('adapters/cf/v2/a.ts', "import { x } from '../v3/presenters/presentInstance';")).toHaveLength(1);
    expect(adapterImports('adapters/cf/v3/a.ts', "import { x } from '../v2/renderError';")).toHaveLength(1);
    expect(adapterImports('adapters/cf/links.ts', "import { x } from './v3/routes';")).toHaveLength(1);
    expect(adapterImports('adapters/csm/a.ts', "import { x } from '../env-shares/schemas';")).toHaveLength(1);
    expect(adapterImports('adapters/env-shares/a.ts', "import { x } from '../../src/store/sqliteStore';")).toHaveLength(1);
    expect(adapterImports('adapters/csm/a.ts', "import { x } from '../../src/identity/identity';")).toHaveLength(1);
    const fine = [
      "import { z } from 'zod';",
      "import { x } from '../../../src/core/errors';",
      "import { y } from '../../../src/http/route';",
      "import { CfError } from '../errorCatalogue';",
      "import { w } from './schemas';",
    ].join('\n');
    expect(adapterImports('adapters/cf/v2/a.ts', fine)).toEqual([]);
    expect(adapterImports('adapters/cf/v3/handlers/a.ts', fine.replace(/'\.\.\//g, "'../../"))).toEqual([]);
  });

  it('src/http importing an adapter, the store, schema/ or a database package', () => {
    expect(httpImports('src/http/a.ts', "import { renderV3Error } from '../../adapters/cf/v3/renderError';")).toHaveLength(1);
    expect(httpImports('src/http/a.ts', "import type { SqliteStore } from '../store/sqliteStore';")).toHaveLength(1);
    expect(httpImports('src/http/a.ts', "import * as s from '../../schema/sqlite';")).toHaveLength(1);
    expect(httpImports('src/http/a.ts', "import { sql } from 'drizzle-orm';")).toHaveLength(1);
    expect(httpImports('src/http/a.ts', "import type { Core } from '../core/core';\nimport express from 'express';")).toEqual([]);
  });

  it('src/identity importing the store', () => {
    expect(identityImports('src/identity/a.ts', "import { openSqliteStore } from '../store/sqliteStore';")).toHaveLength(1);
    expect(identityImports('src/identity/a.ts', "import type { Core } from '../core/core';")).toEqual([]);
  });

  it('process.env read in any spelling', () => {
    for (const bad of [
      'const a = process.env.PORT;',
      "const b = process['env'];",
      'const { env } = process;',
      'const c = globalThis.process.env;',
      "import { env } from 'node:process';",
    ]) {
      expect({ bad, findings: environmentReads('src/a.ts', bad).length > 0 }).toEqual({ bad, findings: true });
    }
    expect(environmentReads('src/a.ts', 'const a = config.env;\n// process.env.X\nconst s = "process.env";')).toEqual([]);
  });

  it('a response written outside the route wrapper, in any of the ways express and node:http allow', () => {
    for (const method of RESPONSE_WRITERS) {
      const bad = `export const h: RequestHandler = (req, res) => { res.${method}('x'); };`;
      expect({ method, findings: responseWrites('adapters/x/a.ts', bad).length }).toEqual({ method, findings: 1 });
    }
    for (const bad of [
      "app.use((req, res) => res['json']({}));",
      'app.use((_req, res) => { res.statusCode = 500; });',
      'app.use((req, res) => { fs.createReadStream(file).pipe(res); });',
      "router.get('/x', (request, reply) => reply.send('x'));",
      'const h: RequestHandler = (q, r) => { r.json({}); };',
      'const m = (q: Request, r, next: NextFunction) => { r.end(); };',
      'function h(r: Request, out: Response) { out.json({}); }',
      'function h(out: ServerResponse) { out.writeHead(200); }',
      'app.use((req, res) => { const r = res; r.status(200); });',
      "app.use((req, res) => (res as Response).send('x'));",
      "app.use((req, res) => res?.send('x'));",
    ]) {
      expect({ bad, findings: responseWrites('src/a.ts', bad).length }).toEqual({ bad, findings: 1 });
    }
    const fine = [
      'app.use((req, res, next) => { res.once("close", () => log(res.statusCode)); next(); });',
      'app.use((req, res) => writeReply(res, reply));',
      "const res = [1, 2].map((n) => n * 2); const s = 'res.json(x)'; // res.send()",
      'parser(req, res, next);',
      'const verify = async (_req, token) => token.header;',
      'function tokenParams(req: Request, params: Record<string, string>) { return params[req.path]; }',
    ].join('\n');
    expect(responseWrites('src/a.ts', fine)).toEqual([]);
  });

  it('a file name that is not camelCase, and a file past 300 lines', () => {
    expect(fileName('adapters/csm/operation-params.ts')).toHaveLength(1);
    expect(fileName('adapters/csm/Operations.ts')).toHaveLength(1);
    expect(fileName('adapters/csm/operationParams.ts')).toEqual([]);
    expect(fileName('src/http/requestContext.d.ts')).toEqual([]);
    expect(fileLength('src/a.ts', 'x;\n'.repeat(301))).toHaveLength(1);
    expect(fileLength('src/a.ts', 'x;\n'.repeat(300))).toEqual([]);
  });

  it('a name two modules of the Core object both export', () => {
    const core = [
      "import * as spaces from './commands/spaces';",
      "import * as roles from './queries/roles';",
      "import { other } from './other';",
      'export function createCore(deps: Deps) {',
      '  return { catalog: deps.catalog, ...bindAll(deps, spaces), ...bindAll(deps, roles), ...somethingElse, run: () => 1 };',
      '}',
    ].join('\n');
    expect(coreComposition(core)).toEqual({
      modules: [
        { name: 'spaces', from: './commands/spaces' },
        { name: 'roles', from: './queries/roles' },
      ],
      keys: ['catalog', 'run'],
      unknown: ['...somethingElse'],
    });
    expect(
      coreCollisions([
        { name: 'spaces', keys: ['createSpace', 'listRoles'] },
        { name: 'roles', keys: ['createRole', 'listRoles'] },
      ]),
    ).toEqual(['Core.listRoles comes from both spaces and roles']);
    expect(
      coreCollisions([
        { name: 'roles', keys: ['catalog'] },
        { name: 'createCore itself', keys: ['catalog'] },
      ]),
    ).toHaveLength(1);
    expect(
      coreCollisions([
        { name: 'spaces', keys: ['createSpace'] },
        { name: 'roles', keys: ['createRole'] },
      ]),
    ).toEqual([]);
  });
});
