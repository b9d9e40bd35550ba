/**
 * The shipped treatment examples through the real CLI (built by `npm test`): every complete
 * example exits 0, every gap variant exits 1 naming its gap, and the denial date or a pin
 * picks the rule-set version.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/appeal.js');
const work = mkdtempSync(join(tmpdir(), 'appeal-treatments-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [BIN, ...args], { cwd: work, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, stdout: err.stdout, stderr: err.stderr };
  }
}

interface JsonCase {
  status: string;
  ruleSets: { id: string; version: string }[];
  findings: { id: string; severity: string; status: string; title: string }[];
}
const json = (args: string[]) => {
  const r = run([...args, '--format', 'json']);
  return { code: r.code, cases: (JSON.parse(r.stdout) as { cases: JsonCase[] }).cases, stderr: r.stderr };
};
const requiredMissing = (c: JsonCase) => c.findings.filter((f) => f.severity === 'required' && f.status === 'missing').map((f) => f.id);

const COMPLETE = readdirSync('examples').filter((f) => f.endsWith('-complete.yaml')).sort();

describe('shipped complete examples', () => {
  it('there is one for every treatment rule set', () => {
    expect(COMPLETE).toEqual(
      ['esi', 'facet-rfa', 'idds', 'ketamine', 'opioid-therapy', 'physical-therapy', 'scs'].map((t) => `${t}-complete.yaml`),
    );
  });
  it.each(COMPLETE)('%s passes appeal check with exit 0', (file) => {
    const r = run(['check', resolve('examples', file)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('READY');
  });
});

describe('shipped gap variants', () => {
  it.each([
    ['scs-weak-trial.yaml', 'scs.trial-relief'],
    ['ketamine-no-guideline.yaml', 'ketamine.consensus-guideline'],
    ['facet-rfa-one-block.yaml', 'facet-rfa.diagnostic-blocks'],
    ['opioid-therapy-no-agreement.yaml', 'opioid-therapy.treatment-agreement'],
    ['physical-therapy-over-limit.yaml', 'physical-therapy.visits-within-limit'],
  ])('%s exits 1 missing only %s', (file, id) => {
    const r = json(['check', resolve('examples', file)]);
    expect(r.code).toBe(1);
    expect(requiredMissing(r.cases[0]!)).toEqual([id]);
  });
});

describe('versions: the denial date picks, a pin overrides', () => {
  const case2025 = resolve('test/fixtures/cases/realistic/pt-2025-medicare-kx.yaml');
  const case2026 = resolve('test/fixtures/cases/realistic/pt-medicare-maintenance.yaml');
  const version = (c: JsonCase) => c.ruleSets.find((s) => s.id === 'physical-therapy')!.version;
  const kxTitle = (c: JsonCase) => c.findings.find((f) => f.id === 'physical-therapy.kx-medical-necessity')!.title;

  it('a 2025 denial is judged by 2025.1 (KX $2,410), a 2026 denial by 2026.1 (KX $2,480)', () => {
    const [a, b] = json(['check', case2025, case2026]).cases;
    expect([version(a!), version(b!)]).toEqual(['2025.1', '2026.1']);
    expect(kxTitle(a!)).toContain('$2,410');
    expect(kxTitle(b!)).toContain('$2,480');
  });
  it('--rules-version pins another version', () => {
    expect(version(json(['check', case2025, '--rules-version', 'physical-therapy@2026.1']).cases[0]!)).toBe('2026.1');
    expect(version(json(['check', case2026, '--rules-version', 'physical-therapy@2025.1']).cases[0]!)).toBe('2025.1');
  });
  it("the case's rules: map pins a version, and the flag wins over it", () => {
    const pinned = join(work, 'pinned.yaml');
    writeFileSync(pinned, readFileSync(case2026, 'utf8') + 'rules:\n  physical-therapy: "2025.1"\n');
    expect(version(json(['check', pinned]).cases[0]!)).toBe('2025.1');
    expect(version(json(['check', pinned, '--rules-version', 'physical-therapy@2026.1']).cases[0]!)).toBe('2026.1');
  });
  it('an unknown pinned version is a usage error (exit 2)', () => {
    const r = run(['check', case2026, '--rules-version', 'physical-therapy@2019.1']);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain('2025.1');
  });
});
