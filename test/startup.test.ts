/** Speed is a feature: the quick commands must not load the heavy libraries. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from './helpers/cli.js';

const HEAVY = /node_modules\/(pdfkit|fontkit|@inquirer|inquirer|handlebars|marked|ics)\//;

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
  return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
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
    expect(loaded.filter((u) => /\/dist\/(rules|case)\//.test(u) || /node_modules\/(yaml|zod)\//.test(u))).toEqual([]);
  });
});
