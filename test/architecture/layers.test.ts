/**
 * The layers of docs/ARCHITECTURE.md, checked on the import lines of src/:
 * shared and issues at the bottom, then io → schema → engine → format and plan
 * → threads → api → cli, with no import running back up; engine, schema, plan
 * and format touch no file system; only io and threads start threads; the CLI
 * reaches everything through the API.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = 'src';

/**
 * Layer of a file under src/: a higher number may import a lower one, never
 * the other way. Plans and views stand side by side above the engine; a view
 * may read a plan's wording (the definitions sheet), a plan never a view.
 * `threads` reads large files on several threads: it brings io (the bytes),
 * schema (the checks) together, for the API.
 */
const LAYER: Record<string, number> = { shared: 0, issues: 1, io: 2, schema: 3, engine: 4, plan: 5, format: 6, threads: 7, 'api.ts': 8, cli: 9 };

/** Imports allowed to run against the layers, each with its reason: none today. */
const KNOWN_EXCEPTIONS = new Set<string>([]);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const IMPORT_RE = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm;

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT_RE)].map((match) => match[1]);
}

function layerOf(path: string): string {
  return path.split('/')[0];
}

const files = filesUnder(SRC).map((file) => relative(SRC, file).replaceAll('\\', '/'));

describe('layers', () => {
  it('no import runs back up', () => {
    const upward: string[] = [];
    for (const file of files) {
      for (const spec of importsOf(join(SRC, file))) {
        if (!spec.startsWith('.')) continue;
        const target = relative(SRC, join(SRC, file, '..', spec)).replaceAll('\\', '/').replace(/\.js$/, '.ts');
        const from = LAYER[layerOf(file)];
        const to = LAYER[layerOf(target)];
        const edge = `${file} -> ${target}`;
        if (layerOf(file) !== layerOf(target) && to >= from && !KNOWN_EXCEPTIONS.has(edge)) upward.push(edge);
      }
    }
    expect(upward).toEqual([]);
  });

  it('engine, schema, plan and format touch no file system and no process', () => {
    const impure: string[] = [];
    for (const file of files.filter((f) => ['engine', 'schema', 'plan', 'format'].includes(layerOf(f)))) {
      const text = readFileSync(join(SRC, file), 'utf8');
      if (importsOf(join(SRC, file)).some((spec) => spec === 'node:fs' || spec === 'node:fs/promises')) impure.push(`${file}: node:fs`);
      if (/\bprocess\./.test(text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))) impure.push(`${file}: process`);
    }
    expect(impure).toEqual([]);
  });

  it('only io and threads start threads', () => {
    const starting = files.filter((file) => !['io', 'threads'].includes(layerOf(file)) && importsOf(join(SRC, file)).includes('node:worker_threads'));
    expect(starting).toEqual([]);
  });

  it('the CLI uses only the API', () => {
    const reaching: string[] = [];
    for (const file of files.filter((f) => layerOf(f) === 'cli')) {
      for (const spec of importsOf(join(SRC, file))) {
        if (!spec.startsWith('.')) continue;
        const target = relative(SRC, join(SRC, file, '..', spec)).replaceAll('\\', '/');
        if (layerOf(target) !== 'cli' && target !== 'api.js') reaching.push(`${file} -> ${target}`);
      }
    }
    expect(reaching).toEqual([]);
  });
});
