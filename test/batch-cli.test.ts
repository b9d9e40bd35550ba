/** End to end: `appeal check` over many cases, as a clinic's script runs it. */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPEAL, appeal } from './helpers/cli.js';

let dir: string;
const ex = (name: string) => join('examples', `${name}.yaml`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'appeal-batch-'));
  // A batch with a bad case in the middle (sorted order: 01, 02, 03-bad, 04, 05).
  const cases = join(dir, 'cases');
  mkdirSync(join(cases, 'sub'), { recursive: true });
  copyFileSync(ex('idds-complete'), join(cases, '01-idds-complete.yaml'));
  copyFileSync(ex('idds-missing-psych'), join(cases, '02-idds-missing-psych.yaml'));
  copyFileSync('test/fixtures/cases/bad/syntax-error.yaml', join(cases, '03-bad.yaml'));
  copyFileSync(ex('esi-complete'), join(cases, '04-esi-complete.yaml'));
  copyFileSync(ex('esi-repeat-over-cap'), join(cases, '05-esi-over-cap.yaml'));
  copyFileSync(ex('esi-complete'), join(cases, 'sub', '06-esi-complete.yaml'));
  // Many cases, for ordering under parallelism.
  const many = join(dir, 'many');
  mkdirSync(many);
  const names = ['idds-complete', 'idds-missing-psych', 'esi-complete', 'esi-repeat-over-cap'];
  for (let i = 0; i < 16; i++) copyFileSync(ex(names[i % 4]!), join(many, `case-${String(i).padStart(2, '0')}.yaml`));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = (out: string) => out.trimEnd().split('\n').map((l) => JSON.parse(l) as { file: string; status: string; diagnostics?: { code: string }[] });

describe('check over a batch', () => {
  it('reports every case when one in the middle is bad, exits 2, and sums up on stderr', () => {
    for (const jobs of ['1', '2']) {
      const r = appeal(['check', 'cases', '--format', 'jsonl', '--jobs', jobs], { cwd: dir });
      expect(r.code).toBe(2);
      const out = lines(r.stdout);
      expect(out.map((c) => [c.file, c.status])).toEqual([
        ['cases/01-idds-complete.yaml', 'ready'],
        ['cases/02-idds-missing-psych.yaml', 'missing'],
        ['cases/03-bad.yaml', 'invalid'],
        ['cases/04-esi-complete.yaml', 'ready'],
        ['cases/05-esi-over-cap.yaml', 'missing'],
      ]);
      expect(out[2]!.diagnostics?.[0]?.code).toBe('yaml-syntax');
      expect(r.stderr).toBe('5 cases: 2 ready, 2 missing, 1 invalid\n');
    }
  });

  it('walks sub-directories with -r only', () => {
    const flat = appeal(['check', 'cases', '--format', 'jsonl', '--quiet'], { cwd: dir });
    const deep = appeal(['check', 'cases', '-r', '--format', 'jsonl', '--quiet'], { cwd: dir });
    expect(lines(flat.stdout)).toHaveLength(5);
    expect(lines(deep.stdout).map((c) => c.file)).toContain('cases/sub/06-esi-complete.yaml');
  });

  it('expands quoted globs in sorted order, and reports a pattern that matches nothing', () => {
    const r = appeal(['check', 'cases/**/0[46]*.yaml', 'nothing/*.yaml', '--format', 'jsonl', '--quiet'], { cwd: dir });
    expect(lines(r.stdout).map((c) => [c.file, c.status, c.diagnostics?.[0]?.code])).toEqual([
      ['nothing/*.yaml', 'invalid', 'no-cases'],
      ['cases/04-esi-complete.yaml', 'ready', undefined],
      ['cases/sub/06-esi-complete.yaml', 'ready', undefined],
    ]);
    expect(r.code).toBe(2);
  });

  it('prints the same bytes whatever the number of workers, in every format', { timeout: 60_000 }, () => {
    for (const format of ['jsonl', 'json', 'text']) {
      const one = appeal(['check', 'many', 'cases', '--format', format, '--jobs', '1'], { cwd: dir });
      const two = appeal(['check', 'many', 'cases', '--format', format, '--jobs', '2'], { cwd: dir });
      expect(two.stdout).toBe(one.stdout);
      expect(two.code).toBe(one.code);
    }
  });

  it('keeps input order under parallelism', () => {
    const r = appeal(['check', 'many', '--format', 'jsonl', '--jobs', '2', '--quiet'], { cwd: dir });
    const files = lines(r.stdout).map((c) => c.file);
    expect(files).toEqual(Array.from({ length: 16 }, (_, i) => `many/case-${String(i).padStart(2, '0')}.yaml`));
    expect(r.code).toBe(1);
  });

  it('streams one JSON object per case with the shape of json output', () => {
    const jsonl = appeal(['check', 'cases', '--format', 'jsonl', '--quiet'], { cwd: dir });
    const json = appeal(['check', 'cases', '--format', 'json'], { cwd: dir });
    expect(lines(jsonl.stdout)).toEqual((JSON.parse(json.stdout) as { cases: unknown[] }).cases);
  });

  it('says nothing on stderr with --quiet; one case gets no summary line', () => {
    const quiet = appeal(['check', 'cases', '--quiet'], { cwd: dir });
    expect(quiet.code).toBe(2);
    expect(quiet.stderr).toBe('');
    const one = appeal(['check', 'cases/01-idds-complete.yaml'], { cwd: dir });
    expect(one.code).toBe(0);
    expect(one.stderr).toBe('');
  });

  it('rejects a --jobs value that is not a whole number of 1 or more', () => {
    for (const bad of ['0', '-1', 'two', '1.5']) {
      const r = appeal(['check', 'cases', '--jobs', bad], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--jobs/);
      expect(r.stdout).toBe('');
    }
  });

  it('stops with the rule problems (exit 2) when a --rules directory is unusable, on workers too', () => {
    for (const jobs of ['1', '2']) {
      const r = appeal(['check', 'cases', '--rules', 'no-such-dir', '--jobs', jobs], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/no-such-dir/);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });

  it('stops quietly, without a stack trace, when the reader closes the pipe early', async () => {
    for (const jobs of ['1', '2']) {
      const child = spawn(process.execPath, [APPEAL, 'check', 'many', 'cases', '--format', 'jsonl', '--jobs', jobs], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.once('data', () => child.stdout.destroy()); // like `| head -1`
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect([0, 1, 2]).toContain(code);
      expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    }
  });
});

describe('render over a batch', () => {
  const renderCases = (name: string, examples: string[]) => {
    const cases = join(dir, name);
    mkdirSync(cases);
    examples.forEach((e, i) => copyFileSync(e.includes('/') ? e : ex(e), join(cases, `${String(i + 1).padStart(2, '0')}-case.yaml`)));
    return cases;
  };
  const outputs = (out: string) => Object.fromEntries(readdirSync(out).sort().map((f) => [f, readFileSync(join(out, f))]));

  it('writes the others when one case in the middle is bad, exits 2, and sums up', () => {
    const cases = renderCases('render-mixed', ['idds-complete', 'esi-complete', 'test/fixtures/cases/bad/syntax-error.yaml', 'ketamine-complete', 'scs-complete']);
    const out = join(dir, 'render-mixed-out');
    const r = appeal(['render', cases, '--out-dir', out, '--date', '2026-11-01', '--jobs', '2']);
    expect(r.code).toBe(2);
    expect(readdirSync(out).sort()).toEqual(['01-case.appeal.md', '02-case.appeal.md', '04-case.appeal.md', '05-case.appeal.md']);
    // Reported in input order, the bad case in its place.
    const mentions = ['01', '02', '03', '04', '05'].map((n) => r.stderr.indexOf(`${n}-case.yaml`));
    expect(mentions.every((at) => at >= 0)).toBe(true);
    expect([...mentions].sort((a, b) => a - b)).toEqual(mentions);
    expect(r.stderr).toMatch(/03-case\.yaml:\d+:\d+/);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('5 cases: 4 written, 0 failed, 1 invalid');
    // Nothing left behind: no temp files.
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('counts a letter that cannot be written as failed (exit 1); --quiet keeps errors but drops the rest', () => {
    const cases = renderCases('render-failed', ['idds-complete', 'idds-missing-psych', 'esi-complete']);
    const out = join(dir, 'render-failed-out');
    const r = appeal(['render', cases, '--out-dir', out, '--date', '2026-11-01']);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('3 cases: 2 written, 1 failed, 0 invalid');
    const again = appeal(['render', cases, '--out-dir', out, '--date', '2026-11-01', '--quiet', '--jobs', '2']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(again.stderr).not.toMatch(/: wrote |\d+ written|^note:/m);
  });

  it('writes the same bytes on 1 and 2 workers', { timeout: 60_000 }, () => {
    const names = ['idds-complete', 'esi-complete', 'esi-repeat-over-cap', 'ketamine-complete', 'scs-weak-trial', 'facet-rfa-complete', 'opioid-therapy-complete', 'physical-therapy-complete'];
    const cases = renderCases('render-same', names);
    const one = join(dir, 'render-same-1');
    const two = join(dir, 'render-same-2');
    const r1 = appeal(['render', cases, '--out-dir', one, '--date', '2026-11-01', '--jobs', '1']);
    const r2 = appeal(['render', cases, '--out-dir', two, '--date', '2026-11-01', '--jobs', '2']);
    expect(r1.code).toBe(0);
    expect(r2.code).toBe(0);
    expect(r2.stderr.replaceAll(two, one)).toBe(r1.stderr);
    const a = outputs(one);
    expect(Object.keys(a)).toHaveLength(names.length);
    expect(outputs(two)).toEqual(a);
  });

  it('writes complete PDFs on 2 workers', { timeout: 60_000 }, () => {
    const cases = renderCases('render-pdf', ['idds-complete', 'esi-complete', 'ketamine-complete', 'scs-complete']);
    const out = join(dir, 'render-pdf-out');
    const r = appeal(['render', cases, '--out-dir', out, '--format', 'pdf', '--date', '2026-11-01', '--jobs', '2']);
    expect(r.code).toBe(0);
    const pdfs = outputs(out);
    expect(Object.keys(pdfs)).toEqual(['01-case.appeal.pdf', '02-case.appeal.pdf', '03-case.appeal.pdf', '04-case.appeal.pdf']);
    for (const bytes of Object.values(pdfs)) {
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.subarray(-8).toString('latin1')).toContain('%%EOF');
    }
  });
});
