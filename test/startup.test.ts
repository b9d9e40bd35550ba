/** Speed is a feature: the quick commands must not load the heavy libraries. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from './helpers/cli.js';

const HEAVY = /node_modules\/(pdfkit|fontkit|@inquirer|inquirer|handlebars|marked|ics)\//;

// The CLI is bundled (scripts/bundle-cli.mjs): a file loaded from dist/cli/ stands for every
// source the bundler put in it, as recorded in dist/cli/bundle-meta.json.
const BUNDLE = JSON.parse(readFileSync(join(ROOT, 'dist/cli/bundle-meta.json'), 'utf8')) as Record<string, string[]>;
const CLI_DIR = '/dist/cli/';
function withBundledSources(urls: string[]): string[] {
  return urls.flatMap((u) => {
    const i = u.indexOf(CLI_DIR);
    const inputs = i >= 0 ? BUNDLE[u.slice(i + CLI_DIR.length)] : undefined;
    return inputs ? [u, ...inputs] : [u];
  });
}

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

function loadedBy(args: string[]): string[] {
  const trace = join(tmp.dir, 'imports.txt');
  const r = spawnSync(process.execPath, ['--import', join(ROOT, 'test/helpers/trace-imports.mjs'), BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', APPEAL_TRACE_IMPORTS: trace },
  });
  expect(r.status, r.stderr).not.toBe(2);
  return withBundledSources(readFileSync(trace, 'utf8').split('\n').filter(Boolean));
}

describe('start-up', () => {
  it.each([[['--version']], [['--help']], [['check', 'examples/idds-complete.yaml']], [['check', 'examples/', '--format', 'json']]])(
    '`appeal %s` loads no prompt, template or PDF library',
    (args) => {
      const loaded = loadedBy(args);
      expect(loaded.some((u) => u.includes('/dist/cli/main.js'))).toBe(true); // the trace works
      expect(loaded.filter((u) => HEAVY.test(u))).toEqual([]);
    },
  );

  it('`appeal --version` does not even load the rule engine', () => {
    const loaded = loadedBy(['--version']);
    expect(loaded.filter((u) => /(^|\/)(dist|src)\/(rules|case)\//.test(u) || /node_modules\/(yaml|zod)\//.test(u))).toEqual([]);
  });

  it('`appeal check` loads the bundled CLI, not the one-file-per-module build', () => {
    const loaded = loadedBy(['check', 'examples/idds-complete.yaml']);
    // Proves the mapping above is used: check needs the engine and zod, found only via the bundle map.
    expect(loaded.some((u) => u.startsWith('src/rules/engine.ts'))).toBe(true);
    expect(loaded.some((u) => /node_modules\/zod\//.test(u))).toBe(true);
    const files = loaded.filter((u) => u.startsWith('file:'));
    expect(files.filter((u) => /\/dist\/(?!cli\/)[^/]+\/.*\.js$/.test(u) || /\/dist\/cli\/(check|render|init|io)\.js$/.test(u))).toEqual([]);
  });
});
