// The import rules of design.md §3, checked over every source file.
import fs from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..');

function filesUnder(dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(rel);
    return /\.ts$/.test(e.name) ? [rel] : [];
  });
}

/** Imports of a file, resolved to repository-relative paths for relative specifiers. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const specs = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  return specs.map((s) => (s.startsWith('.') ? path.relative(root, path.resolve(path.dirname(path.join(root, file)), s)) : s));
}

const within = (p: string, dir: string) => p === dir || p.startsWith(dir + path.sep);
const dialects = () => fs.readdirSync(path.join(root, 'adapters'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
const DB_PACKAGES = ['drizzle-orm', 'drizzle-kit', 'better-sqlite3', 'pg'];

describe('architecture (design.md §3)', () => {
  it('src/core imports only src/core (no express, zod, drizzle or process.env)', () => {
    for (const file of filesUnder('src/core')) {
      for (const imp of importsOf(file)) {
        expect({ file, imp, ok: within(imp, 'src/core') }).toEqual({ file, imp, ok: true });
      }
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      expect({ file, env: /process\.env|Date\.now\(|Math\.random\(|randomUUID/.test(text) }).toEqual({ file, env: false });
    }
  });

  it('only src/store imports drizzle, the database drivers and schema/', () => {
    for (const file of [...filesUnder('src'), ...filesUnder('adapters')]) {
      if (within(file, 'src/store')) continue;
      for (const imp of importsOf(file)) {
        const bad = DB_PACKAGES.some((p) => imp === p || imp.startsWith(`${p}/`)) || within(imp, 'schema');
        expect({ file, imp, bad }).toEqual({ file, imp, bad: false });
      }
    }
  });

  it('an adapter imports src/core, src/http and its own family only', () => {
    for (const dialect of dialects()) {
      // cf/v2 and cf/v3 share adapters/cf; other dialects stand alone
      const family = dialect === 'cf' ? 'adapters/cf' : `adapters/${dialect}`;
      for (const file of filesUnder(`adapters/${dialect}`)) {
        for (const imp of importsOf(file)) {
          if (!imp.startsWith('src') && !imp.startsWith('adapters') && !imp.startsWith('schema')) continue;
          const ok = within(imp, 'src/core') || within(imp, 'src/http') || within(imp, family);
          expect({ file, imp, ok }).toEqual({ file, imp, ok: true });
        }
      }
    }
  });

  it('only src/config.ts reads process.env', () => {
    for (const file of [...filesUnder('src'), ...filesUnder('adapters')]) {
      if (file === path.join('src', 'config.ts')) continue;
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      expect({ file, readsEnv: /process\.env/.test(text) }).toEqual({ file, readsEnv: false });
    }
  });

  it('only the route wrapper writes responses', () => {
    for (const file of [...filesUnder('src'), ...filesUnder('adapters')]) {
      if (file === path.join('src', 'http', 'route.ts')) continue;
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      expect({ file, writes: /\bres\.(json|send|end|status|write)\(/.test(text) }).toEqual({ file, writes: false });
    }
  });
});
