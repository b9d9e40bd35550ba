// Build step: bundle the command line (src/cli/main.ts and the modules it imports lazily)
// into dist/cli/ with esbuild, so `appeal check` loads a dozen files instead of ~200.
// The library API (dist/index.js) stays tsc's output, one file per module.
//
// Code splitting keeps the lazy imports lazy: each command is its own chunk and a library
// (the PDF, prompt and template ones) lands only in the chunks of the commands that use it.
// dist/cli/bundle-meta.json records which sources went into which output file, so the
// start-up test can check what a command loads.
//
// Paths written as `new URL('<relative>', import.meta.url)` are relative to where tsc puts
// the module (dist/<dir>/); every bundled file sits in dist/cli/, so each one is rewritten
// to point at the same target from there. The batch job and worker modules named that way
// are bundle entry points themselves, so a run never loads a second copy of the code.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = resolve(ROOT, 'src');
const DIST = resolve(ROOT, 'dist');
const OUT = resolve(DIST, 'cli');
const ENTRIES = { main: 'src/cli/main.ts', 'check-job': 'src/batch/check-job.ts', 'render-job': 'src/batch/render-job.ts', worker: 'src/batch/worker.ts' };
const entryByDistFile = new Map(Object.entries(ENTRIES).map(([name, src]) => [resolve(DIST, src.slice('src/'.length).replace(/\.ts$/, '.js')), `./${name}.js`]));

const relocateUrls = {
  name: 'relocate-import-meta-urls',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const distDir = resolve(DIST, relative(SRC, dirname(args.path)));
      const code = readFileSync(args.path, 'utf8').replace(/new URL\((['"])([^'"]+)\1, import\.meta\.url\)/g, (_, q, rel) => {
        const target = resolve(distDir, rel);
        let moved = entryByDistFile.get(target) ?? relative(OUT, target).split(sep).join('/') + (rel.endsWith('/') ? '/' : '');
        if (!moved.startsWith('.')) moved = `./${moved}`;
        return `new URL(${q}${moved}${q}, import.meta.url)`;
      });
      return { contents: code, loader: 'ts' };
    });
  },
};

// Chunks from an earlier build would pile up: their names carry a content hash.
for (const f of readdirSync(OUT)) if (/^chunk-.*\.js$/.test(f)) rmSync(resolve(OUT, f));

const result = await build({
  absWorkingDir: ROOT,
  entryPoints: ENTRIES,
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  metafile: true,
  logLevel: 'warning',
  chunkNames: 'chunk-[hash]',
  // Bundled CommonJS packages (yaml, commander) call require() for Node's own modules.
  banner: { js: "import { createRequire as __appealRequire } from 'node:module'; const require = __appealRequire(import.meta.url);" },
  // The libraries only the slower commands use stay in node_modules, loaded from there when
  // those commands run: some (pdfkit) read data files next to their own code, and bundling
  // them would save nothing at start-up.
  external: ['pdfkit', 'fontkit', 'handlebars', 'marked', 'ics', '@inquirer/*'],
  plugins: [relocateUrls],
});
const outputs = Object.fromEntries(Object.entries(result.metafile.outputs).map(([file, o]) => [relative(OUT, resolve(ROOT, file)), Object.keys(o.inputs)]));
writeFileSync(resolve(OUT, 'bundle-meta.json'), JSON.stringify(outputs));
console.log(`cli: bundled into ${Object.keys(outputs).length} files in dist/cli`);
