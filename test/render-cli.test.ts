import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve('bin/appeal.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workdir(...examples: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'appeal-render-'));
  for (const e of examples) copyFileSync(resolve('examples', `${e}.yaml`), join(dir, `${e}.yaml`));
  return dir;
}

describe('appeal render', () => {
  it('writes the letter next to the case, owner-only, and refuses to overwrite without --force', () => {
    const dir = workdir('idds-complete');
    const first = run(['render', 'idds-complete.yaml', '--date', '2026-11-23'], dir);
    expect(first.code).toBe(0);
    const out = join(dir, 'idds-complete.appeal.md');
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(resolve('test/golden/idds-complete.appeal.md'), 'utf8'));
    expect(statSync(out).mode & 0o777).toBe(0o600);
    writeFileSync(out, 'mine');
    const again = run(['render', 'idds-complete.yaml', '--date', '2026-11-23'], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect(run(['render', 'idds-complete.yaml', '--date', '2026-11-23', '--force'], dir).code).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toBe('mine');
  });

  it('-o - writes to stdout and nothing to disk', () => {
    const dir = workdir('esi-complete');
    const r = run(['render', 'esi-complete.yaml', '--letter', 'peer-to-peer', '--date', '2026-11-23', '-o', '-'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(resolve('test/golden/esi-complete.peer-to-peer.md'), 'utf8'));
    expect(existsSync(join(dir, 'esi-complete.peer-to-peer.md'))).toBe(false);
  });

  it('warns about gaps, and --strict refuses with exit 1', () => {
    const dir = workdir('esi-repeat-over-cap');
    const warn = run(['render', 'esi-repeat-over-cap.yaml', '--date', '2026-11-23', '--out-dir', dir], dir);
    expect(warn.code).toBe(0);
    expect(warn.stderr).toContain('esi.frequency-cap');
    const strict = run(['render', 'esi-repeat-over-cap.yaml', '--date', '2026-11-23', '--strict', '--letter', 'records-request'], dir);
    expect(strict.code).toBe(1);
    expect(existsSync(join(dir, 'esi-repeat-over-cap.records-request.md'))).toBe(false);
  });

  it('reports each case of a batch and exits with the worst code', () => {
    const dir = workdir('idds-complete', 'idds-missing-psych', 'esi-complete');
    writeFileSync(join(dir, 'broken.yaml'), 'version: 1\nauthor: nobody\n');
    const r = run(['render', '.', '--date', '2026-11-23'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:2:\d+/);
    expect(r.stderr).toContain('`missing-psych-eval` has no supporting evidence');
    expect(existsSync(join(dir, 'idds-complete.appeal.md'))).toBe(true);
    expect(existsSync(join(dir, 'esi-complete.appeal.md'))).toBe(true);
    expect(existsSync(join(dir, 'idds-missing-psych.appeal.md'))).toBe(false);
  });

  it('an unanswered reason alone exits 1', () => {
    const dir = workdir('idds-missing-psych');
    expect(run(['render', 'idds-missing-psych.yaml', '--date', '2026-11-23'], dir).code).toBe(1);
  });

  it('rejects bad flags and a bad letterhead with exit 2', () => {
    const dir = workdir('idds-complete');
    expect(run(['render', 'idds-complete.yaml', '--letter', 'apeal'], dir).code).toBe(2);
    expect(run(['render', 'idds-complete.yaml', '--date', '2026-02-30'], dir).code).toBe(2);
    writeFileSync(join(dir, 'lh.yaml'), 'name: Clinic\nphnoe: 555\n');
    const bad = run(['render', 'idds-complete.yaml', '--letterhead', 'lh.yaml', '-o', '-'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/lh\.yaml:2:\d+/);
    expect(bad.stderr).toContain('phone');
  });

  it('uses a letterhead as the sender', () => {
    const dir = workdir('esi-complete');
    writeFileSync(join(dir, 'lh.yaml'), 'name: Treasure Valley Spine & Pain\naddress: |\n  1 Clinic Way\n  Boise, ID 83702\nphone: 208-555-0100\n');
    const r = run(['render', 'esi-complete.yaml', '--letter', 'medical-necessity', '--letterhead', 'lh.yaml', '--date', '2026-11-23', '-o', '-'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('**Treasure Valley Spine & Pain**\\\n1 Clinic Way\\\nBoise, ID 83702\\\nPhone 208-555-0100')).toBe(true);
    const flagged = run(['render', 'esi-complete.yaml', '--letter', 'medical-necessity', '--letterhead', 'lh.yaml', '--practice-phone', '208-555-0199', '--practice-fax', '208-555-0198', '--date', '2026-11-23', '-o', '-'], dir);
    expect(flagged.stdout).toContain('Phone 208-555-0199 · Fax 208-555-0198');
    expect(run(['render', 'esi-complete.yaml', '--practice-phone', '1', '-o', '-'], dir).code).toBe(2);
  });
});
