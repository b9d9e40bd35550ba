/**
 * The hostile-input corpus (test/corpus/, described in test/corpus/manifest.yaml): every
 * entry runs through the real CLI and must end as the manifest says (exit 2 with a located
 * diagnostic, or a result when the input is legitimate), without a stack trace, without
 * echoing health data, and in time. New entries (templates, init, render) are data only.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCase } from '../src/case/load.js';
import { InputError } from '../src/diagnostic.js';
import { checkCase } from '../src/rules/engine.js';
import { loadRules, type RuleLibrary } from '../src/rules/load.js';
import { ROOT, runCli, STACK_LINE } from './helpers/cli.js';

interface Entry {
  file?: string;
  generate?: string;
  class: string;
  command?: string[];
  exit: number | null;
  code?: string;
  line?: number;
  path?: string;
  unlocated?: boolean;
  pending?: string;
  note?: string;
}

const CORPUS = join(ROOT, 'test/corpus');
const manifest = parse(readFileSync(join(CORPUS, 'manifest.yaml'), 'utf8')) as { secrets: string[]; entries: Entry[] };
const { secrets, entries } = manifest;

/**
 * Time budgets. "Within a second" is measured as CPU time of the work on one input (load +
 * check, in process), which a busy machine does not inflate. The CLI runs get a wall-clock
 * guard only: it catches a hang (a ReDoS, an endless loop), not a slow start-up under load.
 */
const WORK_CPU_BUDGET_MS = 1000;
const CLI_HANG_GUARD_MS = 30000;

const base = readFileSync(join(CORPUS, 'cases/valid-base.yaml'), 'utf8');

/** Inputs too large to commit, made at test time. */
const GENERATORS: Record<string, () => string | Buffer> = {
  'large-file': () => base + Array.from({ length: 40000 }, (_, i) => `# padding line ${i} of a file far larger than any case\n`).join(''),
  'large-valid': () => {
    const meds = Array.from({ length: 1000 }, (_, i) => `    - { name: Medication ${i}, class: other, dose: ${i} mg, start: 2020-01-01, end: 2020-02-01, outcome: inadequate-relief }`).join('\n');
    return base.replace('history:\n  medications:\n', `history:\n  medications:\n${meds}\n`);
  },
  'huge-line': () => `version: 1\nnotes: "${'x'.repeat(3 * 1024 * 1024)}"\n`,
  'deep-generated': () => `version: 1\npatient: ${'['.repeat(100000)}${']'.repeat(100000)}\n`,
  'wide-alias-bomb': () => {
    let text = 'version: 1\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i <= 20; i++) text += `l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]\n`;
    return text;
  },
};

interface Found {
  code: string;
  line?: number;
  column?: number;
  path?: string;
}

/** Diagnostics from `check --format json` output and from `error: file:l:c: path: ... [code]` lines. */
function diagnosticsOf(stdout: string, stderr: string): Found[] {
  const found: Found[] = [];
  try {
    const json = JSON.parse(stdout) as { cases?: { diagnostics?: Found[] }[] };
    for (const c of json.cases ?? []) found.push(...(c.diagnostics ?? []));
  } catch {
    /* not JSON output */
  }
  for (const line of stderr.split('\n')) {
    const m = /^error: .*?(?::(\d+):(\d+))?: (?:([\w.[\]"-]+): )?.*\[([a-z-]+)\]$/.exec(line);
    if (m) found.push({ code: m[4]!, line: m[1] ? Number(m[1]) : undefined, column: m[2] ? Number(m[2]) : undefined, path: m[3] });
  }
  return found;
}

let work: string;
let library: RuleLibrary;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'appeal-corpus-'));
  library = loadRules();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function nameOf(e: Entry): string {
  return e.file ?? `generated:${e.generate}`;
}

/** The input on disk and the argv for it. */
function prepare(e: Entry, index: number): { argv: string[]; input: string } {
  let input: string;
  if (e.generate) {
    const make = GENERATORS[e.generate];
    if (!make) throw new Error(`manifest names an unknown generator: ${e.generate}`);
    input = join(work, `${index}-${e.generate}.yaml`);
    writeFileSync(input, make());
  } else {
    input = join(CORPUS, e.file!);
  }
  const isDir = statSync(input).isDirectory();
  const dir = isDir ? input : join(work, `dir-${index}`);
  const kind = e.file?.split('/')[0];
  if (!isDir) {
    // A template entry stands in for the appeal letter's template in a --templates folder.
    cpSync(input, join(dir, kind === 'templates' ? 'appeal.md.hbs' : basename(input)));
  }
  const defaults: Record<string, string[]> = {
    rules: ['rules', 'list', '--rules', '{dir}'],
    templates: ['render', join(ROOT, 'examples/idds-complete.yaml'), '--templates', '{dir}', '--letter', 'appeal', '--date', '2026-11-23', '-o', '-'],
  };
  const command = e.command ?? defaults[kind ?? ''] ?? ['check', '--format', 'json', '{file}'];
  return { argv: command.map((a) => a.replace('{file}', input).replace('{dir}', dir)), input };
}

describe('corpus manifest', () => {
  it('holds at least 60 broken or hostile inputs, every one on disk or generated', () => {
    const hostile = entries.filter((e) => e.exit === 2);
    expect(hostile.length).toBeGreaterThanOrEqual(60);
    for (const e of entries) {
      expect(!!e.file !== !!e.generate, `${nameOf(e)}: exactly one of file and generate`).toBe(true);
      if (e.file) expect(() => statSync(join(CORPUS, e.file!)), e.file).not.toThrow();
      else expect(GENERATORS[e.generate!], e.generate).toBeDefined();
    }
  });
});

describe.concurrent('corpus: every input ends cleanly through the CLI', () => {
  entries.forEach((e, index) => {
    const title = `${nameOf(e)} (${e.class}) -> ${e.exit === null ? 'a result' : `exit ${e.exit}`}${e.code ? ` ${e.code}` : ''}`;
    if (e.pending) {
      it.skip(`${title} [pending: ${e.pending}]`, () => {});
      return;
    }
    it(title, async () => {
      const { argv } = prepare(e, index);
      const run = await runCli(argv, { timeoutMs: CLI_HANG_GUARD_MS });
      const where = `${nameOf(e)}\nstdout: ${run.stdout.slice(0, 2000)}\nstderr: ${run.stderr.slice(0, 2000)}`;

      expect(run.signal, where).toBeNull();
      expect(run.ms, where).toBeLessThan(CLI_HANG_GUARD_MS);
      if (e.exit === null) expect([0, 1], where).toContain(run.status);
      else expect(run.status, where).toBe(e.exit);

      expect(run.stderr, where).not.toMatch(STACK_LINE);
      expect(run.stderr, where).not.toMatch(/internal error/);

      const found = diagnosticsOf(run.stdout, run.stderr);
      if (e.code) {
        const match = found.find((d) => d.code === e.code && (e.path === undefined || d.path === e.path) && (e.line === undefined || d.line === e.line));
        expect(match, `${where}\nexpected ${e.code} at line ${e.line ?? '?'} path ${e.path ?? '?'}; found ${JSON.stringify(found)}`).toBeDefined();
      }
      if (e.exit === 2) {
        expect(found.length, where).toBeGreaterThan(0);
        // file:line:column on every diagnostic, unless the problem has no place.
        if (!e.unlocated) for (const d of found) expect(d.line !== undefined && d.column !== undefined, `${where}\n${JSON.stringify(d)}`).toBe(true);
        // Health data never appears in what a failure prints.
        for (const secret of secrets) {
          expect(run.stderr.includes(secret), `${nameOf(e)} leaks ${secret} on stderr`).toBe(false);
          expect(JSON.stringify(found).includes(secret), `${nameOf(e)} leaks ${secret} in diagnostics`).toBe(false);
        }
      }
    }, CLI_HANG_GUARD_MS * 3);
  });
});

describe('corpus: the work on one case file takes under a second of CPU', () => {
  const caseEntries = entries.filter((e) => !e.pending && (e.generate || e.file?.startsWith('cases/')));
  it.each(caseEntries.map((e) => [nameOf(e), e] as const))('%s', (_name, e) => {
    const input = e.generate ? Buffer.from(GENERATORS[e.generate]!()) : readFileSync(join(CORPUS, e.file!));
    const started = process.cpuUsage();
    try {
      const loaded = parseCase(input, nameOf(e));
      checkCase(loaded.case, library);
    } catch (error) {
      // Only clean input errors; anything else is a crash.
      if (!(error instanceof InputError)) throw error;
    }
    const cpu = process.cpuUsage(started);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(WORK_CPU_BUDGET_MS);
  });
});

describe('corpus: text output of every invalid case names no health data', () => {
  it('check (text format) over all invalid cases at once prints none of the secrets', async () => {
    const dir = join(work, 'invalid-cases');
    for (const e of entries.filter((x) => x.exit === 2 && x.file?.startsWith('cases/'))) cpSync(join(CORPUS, e.file!), join(dir, basename(e.file!)));
    const run = await runCli(['check', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).not.toMatch(STACK_LINE);
    for (const secret of secrets) expect(`${run.stdout}${run.stderr}`.includes(secret), `leaks ${secret}`).toBe(false);
    // One bad case never stops the others: every file is reported.
    expect(run.stdout.match(/INVALID/g)?.length).toBe(entries.filter((x) => x.exit === 2 && x.file?.startsWith('cases/')).length);
  }, CLI_HANG_GUARD_MS * 3);
});
