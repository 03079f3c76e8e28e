// The command line as one module (with the reader threads' entry beside it) in dist/: Node resolves,
// reads and links a hundred small modules in about a tenth of a second at every start, a bundle in
// a few hundredths. The library API (dist/api.js) stays the compiler's modules, for its types and
// for programs that import one part of it. Packages stay outside the bundle, loaded as before.
import { readdirSync, rmSync } from 'node:fs';
import { rolldown } from 'rolldown';

// The chunks of an earlier build are named by their hash: gone first, so that dist/ holds one build.
for (const name of readdirSync('dist')) if (/^tuoyu-.*\.js$/.test(name)) rmSync(`dist/${name}`);

const bundle = await rolldown({
  input: { tuoyu: 'dist/cli/main.js', 'visit-worker': 'dist/threads/visit-worker.js' },
  platform: 'node',
  // Every package (anything not a relative path) is loaded from node_modules, as the unbundled code loads it.
  external: (id) => !id.startsWith('.') && !id.startsWith('/'),
});
await bundle.write({
  dir: 'dist',
  format: 'esm',
  // In dist/ itself, as dist/api.js is: `../package.json` and `./visit-worker.js` resolve as they do there.
  entryFileNames: '[name].js',
  chunkFileNames: 'tuoyu-[hash].js',
});
await bundle.close();
