/** `appeal init` through the real CLI, without a terminal: it must never prompt or hang. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { DENIAL_REASONS, PLAN_TYPES, TREATMENTS } from '../src/case/schema.js';

const BIN = fileURLToPath(new URL('../bin/appeal.js', import.meta.url));
const DENIALS = fileURLToPath(new URL('../examples/denials/', import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'appeal-init-'));
});

function appeal(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: 15000,
    env: { ...process.env, NO_COLOR: '1', CI: '', ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

// One reason per treatment, cycling through the catalogue so every reason is used somewhere.
const REASONS = ['missing-psych-eval', 'trial-required', 'experimental', 'frequency-limit', 'not-medically-necessary', 'dose-limit', 'benefit-limit', 'other'];

describe('non-interactive init for every treatment', () => {
  TREATMENTS.forEach((treatment, i) => {
    it(`${treatment} + ${REASONS[i]}: writes a file that check accepts (exit 0 or 1, never 2)`, () => {
      const init = appeal(['init', 'case.yaml', '--treatment', treatment, '--reason', REASONS[i]!, '--denial-date', '2026-10-14']);
      expect(init.stderr).toBe('');
      expect(init.code).toBe(0);
      const file = join(dir, 'case.yaml');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const check = appeal(['check', 'case.yaml', '--format', 'json']);
      expect(check.code).toBe(1);
      const report = JSON.parse(check.stdout);
      const ids = JSON.stringify(report);
      // The placeholders keep it from being ready, whatever the rule sets say.
      expect(ids).toContain('case.placeholders');
    });
  });
});

describe('init without a terminal', () => {
  it('writes a skeleton from flags alone, never prompting, and names what remains', () => {
    const r = appeal(['init']);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'case.yaml'))).toBe(true);
    expect(r.stdout).toContain('case.placeholders');
    expect(r.stdout).toMatch(/patient\.name \(line \d+\)/);
  });

  it('does not prompt under CI=true even when asked to', () => {
    const r = appeal(['init', 'x.yaml', '--treatment', 'scs'], { env: { CI: 'true' } });
    expect(r.code).toBe(0);
    expect(r.signal).toBeNull();
  });

  it('fills every flag in, leaving no placeholder when all required answers are given', () => {
    const r = appeal([
      'init', 'full.yaml', '--treatment', 'epidural-steroid-injection', '--reason', 'frequency-limit', '--reason', 'not-medically-necessary',
      '--plan', 'medicare', '--insurer', 'Noridian', '--member-id', '4TE9QN2MK71', '--denial-date', '2026-11-03', '--reference', 'C-1',
      '--author', 'patient', '--patient', 'Dolores Fentress', '--birth-date', '1950-02-03', '--provider', 'Ruth Amsel, MD', '--specialty', 'Pain Medicine',
      '--stage', 'post-service', '--level', 'initial', '--state', 'il', '--urgent', '--code', '64483', '--diagnosis', 'm54.16', '--service-date', '2026-09-18',
    ]);
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'full.yaml'), 'utf8');
    // Only the address is left to fill in: there is no flag for it.
    expect(text).toMatch(/address: TODO/);
    expect(text.match(/TODO/g)!.length).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/state: IL/);
    expect(text).toMatch(/urgent: true/);
    expect(text).toMatch(/- code: M54\.16/);
    expect(text).toMatch(/reasons:\n\s+- frequency-limit\n\s+- not-medically-necessary/);
    const check = appeal(['check', 'full.yaml', '--format', 'json']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('patient.address (line');
    expect(check.stdout).not.toContain('patient.name (line');
  });

  it('takes the denial letter from a file, lists what it read, and prefills the case', () => {
    const r = appeal(['init', 'c.yaml', '--from-denial', join(DENIALS, 'medicare-msn-esi-frequency.txt')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Read from the denial letter');
    expect(r.stdout).toMatch(/denial\.codes\s+CO-151\s+<- "/);
    const text = readFileSync(join(dir, 'c.yaml'), 'utf8');
    expect(text).toMatch(/treatment: epidural-steroid-injection/);
    expect(text).toMatch(/type: medicare\n/);
    expect(text).toMatch(/date: 2026-11-03\n/);
    expect(text).toMatch(/# Read from the denial letter: "/);
    expect(text).toMatch(/kind: denial-letter/);
    expect(appeal(['check', 'c.yaml']).code).toBe(1);
  });

  it('takes the letter on stdin with --from-denial -, and flags win over the letter', () => {
    const letter = readFileSync(join(DENIALS, 'fehb-opioid-step-therapy.txt'), 'utf8');
    const r = appeal(['init', 'c.yaml', '--from-denial', '-', '--plan', 'aca-individual'], { input: letter });
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'c.yaml'), 'utf8');
    expect(text).toMatch(/type: aca-individual/);
    // The letter's words are not left beside a value the flags replaced.
    expect(text).not.toMatch(/Read from the denial letter: "[^"]*OPM/);
    expect(text).toMatch(/Read from the denial letter: "[^"]*Enrollee ID/);
    expect(text).toMatch(/- dose-limit/);
    expect(text).toMatch(/- step-therapy/);
  });

  it('writes to standard output with -, and its messages to stderr', () => {
    const r = appeal(['init', '-', '--treatment', 'idds']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Case file written by appeal init/);
    expect(r.stderr).toContain('case.placeholders');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('init refuses bad input with exit 2 and writes nothing', () => {
  it('refuses to overwrite, before doing anything; --force replaces', () => {
    writeFileSync(join(dir, 'case.yaml'), 'mine\n');
    const r = appeal(['init', '--treatment', 'idds']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already exists');
    expect(readFileSync(join(dir, 'case.yaml'), 'utf8')).toBe('mine\n');
    expect(appeal(['init', '--treatment', 'idds', '--force']).code).toBe(0);
    expect(readFileSync(join(dir, 'case.yaml'), 'utf8')).toMatch(/treatment: idds/);
  });

  for (const [args, message] of [
    [['--treatment', 'pump'], /treatment/],
    [['--reason', 'too-expensive'], /reason/],
    [['--denial-date', '2026-02-30'], /--denial-date/],
    [['--state', 'Illinois'], /--state/],
    [['--code', '606'], /--code/],
    [['--diagnosis', 'back pain'], /--diagnosis/],
    [['--from-denial', 'no-such-letter.txt'], /denial letter/],
  ] as const) {
    it(`rejects ${args.join(' ')}`, () => {
      const r = appeal(['init', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
      expect(readdirSync(dir)).toEqual([]);
    });
  }
});

describe('init --help', () => {
  it('offers every treatment, plan type and denial reason of the schema as a choice', () => {
    const help = appeal(['init', '--help']).stdout.replace(/\s+/g, ' ');
    for (const v of [...TREATMENTS, ...PLAN_TYPES, ...DENIAL_REASONS]) expect(help).toContain(`"${v}"`);
  });
});

describe('start-up cost', () => {
  it('the static import graph of the CLI entry excludes the prompt library', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm)) {
        const spec = m[1] ?? m[2]!;
        expect(spec).not.toMatch(/@inquirer/);
        if (spec.startsWith('.')) visit(fileURLToPath(new URL(spec, `file://${file}`)));
      }
    };
    visit(fileURLToPath(new URL('../dist/cli/main.js', import.meta.url)));
    expect(seen.size).toBeGreaterThan(2);
    // And the prompt library is imported by the interview module only, dynamically.
    expect(readFileSync(fileURLToPath(new URL('../dist/cli/init.js', import.meta.url)), 'utf8')).toMatch(/await import\('\.\.\/init\/interview\.js'\)/);
  });

  it('check, run for real, never loads @inquirer', () => {
    // A module-resolution hook that reports any resolution of the prompt library.
    writeFileSync(join(dir, 'loader.mjs'), `export async function resolve(s, c, next) { if (s.includes('@inquirer')) console.error('LOADED-INQUIRER'); return next(s, c); }\n`);
    const hook = join(dir, 'hook.mjs');
    writeFileSync(hook, `import { register } from 'node:module';\nregister('./loader.mjs', import.meta.url);\n`);
    const ex = fileURLToPath(new URL('../examples/idds-complete.yaml', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', hook, BIN, 'check', ex], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('LOADED-INQUIRER');
    // The hook does see it when init's interview is loaded.
    const probe = spawnSync(process.execPath, ['--import', hook, '-e', `await import(${JSON.stringify(fileURLToPath(new URL('../dist/init/interview.js', import.meta.url)))})`], { encoding: 'utf8', input: '' , env: { ...process.env } });
    expect(probe.stderr).toContain('LOADED-INQUIRER');
  });
});
