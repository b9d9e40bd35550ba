/**
 * Data safety of output files: atomic replace (temp file in the same directory, fsync,
 * rename), no overwrite without force, mode 0600, no temp file left behind on failure or on
 * SIGINT/SIGTERM.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../src/diagnostic.js';
import { writeFileAtomic } from '../src/write-file.js';
import { ROOT } from './helpers/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'appeal-write-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const temps = () => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).diagnostics[0]!.code;
  }
  return undefined;
}

describe('writeFileAtomic', () => {
  it('writes the whole content with mode 0600', () => {
    const file = join(dir, 'letter.md');
    writeFileAtomic(file, 'Dear Appeals Unit\n');
    expect(readFileSync(file, 'utf8')).toBe('Dear Appeals Unit\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(temps()).toEqual([]);
  });

  it('never overwrites an existing file without force, and leaves it untouched', () => {
    const file = join(dir, 'letter.md');
    writeFileSync(file, 'the user\'s own file');
    expect(codeOf(() => writeFileAtomic(file, 'new'))).toBe('file-exists');
    expect(readFileSync(file, 'utf8')).toBe('the user\'s own file');
    expect(temps()).toEqual([]);
  });

  it('with force replaces the file, and the replacement is 0600 even if the old one was not', () => {
    const file = join(dir, 'letter.md');
    writeFileSync(file, 'old');
    chmodSync(file, 0o644);
    writeFileAtomic(file, 'new', { force: true });
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('leaves neither a temp file nor a partial output when the write fails', () => {
    const file = join(dir, 'missing-dir', 'letter.md');
    expect(codeOf(() => writeFileAtomic(file, 'x'))).toBe('write-failed');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports a failure without naming the content', () => {
    const secret = 'Zelda Marrowfield 1959-07-23';
    try {
      writeFileAtomic(join(dir, 'nope', 'x.md'), secret);
    } catch (e) {
      expect((e as Error).message).not.toContain('Zelda');
    }
  });
});

/** Starts the write loop, waits for `after` complete files, sends `signal`, returns the exit. */
function interruptWriter(signal: NodeJS.Signals, after: number): Promise<{ code: number | null; written: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${ROOT}test/helpers/write-loop.mjs`, dir, String(2 * 1024 * 1024)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let written = 0;
    let sent = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      written += chunk.split('\n').filter((l) => l.startsWith('wrote')).length;
      if (!sent && written >= after) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, written }));
  });
}

describe('an interrupted run', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('on %s exits %i and leaves only complete files, no temp file', async (signal, expected) => {
    const { code, written } = await interruptWriter(signal, 3);
    expect(code).toBe(expected);
    expect(written).toBeGreaterThanOrEqual(3);
    const files = readdirSync(dir);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const f of files) {
      const n = Number(/^out-(\d+)\.txt$/.exec(f)![1]);
      const content = readFileSync(join(dir, f), 'utf8');
      expect(content.length, f).toBe(2 * 1024 * 1024);
      expect(content, f).toBe(String(n % 10).repeat(content.length));
      expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    }
  }, 90000);
});

describe('an interrupted render batch', () => {
  it('on SIGINT exits 130 and leaves only complete PDFs in --out-dir, no temp file', async () => {
    const cases = join(dir, 'cases');
    const out = join(dir, 'out');
    mkdirSync(cases);
    const examples = readdirSync(`${ROOT}examples`).filter((f) => f.endsWith('.yaml'));
    for (let i = 0; i < 60; i++) copyFileSync(`${ROOT}examples/${examples[i % examples.length]}`, join(cases, `case-${String(i).padStart(2, '0')}.yaml`));
    const { code, written } = await new Promise<{ code: number | null; written: number }>((resolve, reject) => {
      const child = spawn(process.execPath, [`${ROOT}bin/appeal.js`, 'render', cases, '--out-dir', out, '--format', 'pdf', '--jobs', '2', '--date', '2026-11-01'], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, NO_COLOR: '1', APPEAL_RULES: '' },
      });
      let seen = 0;
      let sent = false;
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        seen += chunk.split('\n').filter((l) => l.includes(': wrote ')).length;
        // Mid-way: some letters written, most still to come.
        if (!sent && seen >= 5) {
          sent = true;
          child.kill('SIGINT');
        }
      });
      child.on('error', reject);
      child.on('exit', (c) => resolve({ code: c, written: seen }));
    });
    expect(code).toBe(130);
    expect(written).toBeGreaterThanOrEqual(5);
    const files = readdirSync(out);
    expect(files.filter((f) => f.startsWith('.') || f.endsWith('.tmp'))).toEqual([]);
    // Interrupted before the end: not all 60 cases made it.
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(files.length).toBeLessThan(60);
    for (const f of files) {
      expect(f).toMatch(/^case-\d\d\.[a-z-]+\.pdf$/);
      const bytes = readFileSync(join(out, f));
      expect(bytes.subarray(0, 5).toString('latin1'), f).toBe('%PDF-');
      expect(bytes.subarray(-8).toString('latin1'), f).toContain('%%EOF');
    }
  }, 90000);
});
