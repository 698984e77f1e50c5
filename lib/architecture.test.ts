// The house rules that keep the layers apart, checked on every run instead of in review: the
// engine is a plain library, components reach the server only through the BFF, and production
// files stay small enough to read in one sitting (STYLE.md conventions 1, 11, 17).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const MAX_PRODUCTION_LINES = 300;

/** Every .ts/.tsx file under `dir`, as a path relative to the repository root. */
function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  const visit = (relative: string) => {
    for (const entry of readdirSync(path.join(ROOT, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) visit(child);
      else if (/\.tsx?$/.test(entry.name)) found.push(child);
    }
  };
  visit(dir);
  return found;
}

const isTestFile = (file: string) => /\.test(-helpers)?\.tsx?$/.test(file) || /(^|\/)store-conformance[^/]*\.ts$/.test(file) || /-conformance[^/]*\.ts$/.test(file);

/** Module specifiers of every import, export-from, dynamic import and require in a file. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const pattern = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
  return [...text.matchAll(pattern)].map((match) => match[1]);
}

/** Where an import lands: a repository-relative path for local modules, else the package name. */
function resolved(file: string, specifier: string): string {
  if (specifier.startsWith('@/')) return specifier.slice(2);
  if (specifier.startsWith('.')) return path.join(path.dirname(file), specifier);
  return specifier;
}

function violations(files: string[], isForbidden: (target: string) => boolean): string[] {
  return files.flatMap((file) => importsOf(file).filter((specifier) => isForbidden(resolved(file, specifier))).map((specifier) => `${file} imports ${specifier}`));
}

describe('architecture', () => {
  it('lib/engine is a plain library: node built-ins, better-sqlite3, pg (its PostgreSQL store only) and its own files', () => {
    const engineFiles = sourceFiles('lib/engine');
    expect(engineFiles.length).toBeGreaterThan(20);
    const allowed = (target: string) => target.startsWith('node:') || target === 'better-sqlite3' || target === 'vitest' || target.startsWith('lib/engine/');
    const isPostgresStore = (file: string) => file.startsWith('lib/engine/postgres/');
    expect(violations(engineFiles.filter((file) => !isPostgresStore(file)), (target) => !allowed(target))).toEqual([]);
    expect(violations(engineFiles.filter(isPostgresStore), (target) => !allowed(target) && target !== 'pg')).toEqual([]);
  });

  it('components reach the server only through the BFF: no engine, BFF internals or runtime', () => {
    const componentFiles = sourceFiles('components');
    expect(componentFiles.length).toBeGreaterThan(20);
    // lib/auth's pure rules (password length, client settings) are shared; its stores are not.
    const isServerSide = (target: string) =>
      /^lib\/(engine|bff|runtime|postgres-runtime|ironmq|push|alerts|stats)(\/|$)/.test(target) || /^lib\/auth\/(sqlite|postgres|passwords|tokens|bootstrap|nextauth)/.test(target);
    expect(violations(componentFiles, isServerSide)).toEqual([]);
  });

  it(`no production file is over ${MAX_PRODUCTION_LINES} lines`, () => {
    const production = ['lib', 'app', 'components'].flatMap(sourceFiles).filter((file) => !isTestFile(file));
    const tooLong = production
      .map((file) => ({ file, lines: readFileSync(path.join(ROOT, file), 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > MAX_PRODUCTION_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(tooLong).toEqual([]);
  });

  it('the checks see real imports (a guard against a pattern that matches nothing)', () => {
    expect(importsOf('lib/engine/engine.ts')).toContain('./store');
    expect(violations(['components/queues/queue-table.tsx'], (target) => target.startsWith('lib/hud/'))).not.toEqual([]);
  });
});
