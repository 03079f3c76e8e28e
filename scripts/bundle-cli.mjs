// The command line as one module (with the reader threads' entry beside it) in dist/: Node resolves,
// reads and links a hundred small modules in about a tenth of a second at every start, a bundle in
// a few hundredths. The library API (dist/api.js) stays the compiler's modules, for its types and
// for programs that import one part of it.
import { readdirSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { rolldown } from 'rolldown';

// The chunks of an earlier build are named by their hash: gone first, so that dist/ holds one build.
for (const name of readdirSync('dist')) if (/^tuoyu-.*\.js$/.test(name)) rmSync(`dist/${name}`);

// The small packages every run loads (commander, chalk, cli-table3, csv-parse and what they require)
// go into the bundle too: loaded from node_modules, each costs a package lookup and a module of its
// own at every start, together about 30 ms of a 110 ms start. The large ones only some runs need stay
// outside, imported when needed — and iconv-lite, whose code tables (300 KB) Node loads only when a
// GBK file asks for them, where in the bundle every start and every reader thread would parse them.
const OUTSIDE = ['exceljs', 'echarts', '@e965/xlsx', 'zod', 'iconv-lite'];
const bundle = await rolldown({
  input: { tuoyu: 'dist/cli/main.js', 'visit-worker': 'dist/threads/visit-worker.js' },
  platform: 'node',
  external: (id) => id.startsWith('node:') || isBuiltin(id) || OUTSIDE.some((name) => id === name || id.startsWith(`${name}/`)),
});
await bundle.write({
  dir: 'dist',
  format: 'esm',
  // In dist/ itself, as dist/api.js is: `../package.json` and `./visit-worker.js` resolve as they do there.
  entryFileNames: '[name].js',
  chunkFileNames: 'tuoyu-[hash].js',
});
await bundle.close();
