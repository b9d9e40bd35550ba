/** `appeal rules list|show|lint` and user rule directories, through the real CLI. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'appeal.js');
const BROKEN = join(ROOT, 'test', 'fixtures', 'rules', 'broken');
const EXAMPLE_RULES = join(ROOT, 'examples', 'rules');
const IDDS_COMPLETE = join(ROOT, 'examples', 'idds-complete.yaml');
const work = mkdtempSync(join(tmpdir(), 'appeal-rules-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function appeal(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', APPEAL_RULES: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface LintJson {
  asOf: string;
  files: string[];
  errors: number;
  warnings: number;
  findings: { severity: string; code: string; file: string; line?: number; column?: number; path?: string; message: string; hint?: string }[];
}

describe('appeal rules lint', () => {
  it('passes the shipped rules with exit 0 and no errors', () => {
    const r = appeal(['rules', 'lint', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as LintJson;
    expect(out.errors).toBe(0);
    expect(out.files.length).toBeGreaterThanOrEqual(16);
    expect(out.files.every((f) => f.startsWith('rules/'))).toBe(true);
    expect(out.files.some((f) => f.startsWith('rules/deadlines') || f === 'rules/reasons.yaml')).toBe(false);
  });

  it('finds every defect class in the broken fixtures, each at its line', () => {
    const r = appeal(['rules', 'lint', BROKEN, '--format', 'json', '--date', '2026-11-23']);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as LintJson;
    const got = out.findings.map((f) => [basename(f.file), f.code, f.line, f.severity]);
    expect(got).toEqual([
      ['cycle-a.yaml', 'extends-cycle', 7, 'error'],
      ['cycle-b.yaml', 'extends-cycle', 7, 'error'],
      ['duplicate-ids.yaml', 'duplicate-requirement-id', 21, 'error'],
      ['duplicate-ids.yaml', 'duplicate-requirement-id', 29, 'error'],
      ['extends-unknown.yaml', 'extends-unknown', 7, 'error'],
      ['no-source.yaml', 'requirement-no-source', 13, 'error'],
      ['schema-errors.yaml', 'invalid-value', 10, 'error'],
      ['schema-errors.yaml', 'invalid-value', 13, 'error'],
      ['schema-errors.yaml', 'unknown-key', 15, 'error'],
      ['sources.yaml', 'duplicate-source-id', 12, 'error'],
      ['sources.yaml', 'source-unused', 16, 'warning'],
      ['sources.yaml', 'source-stale', 19, 'warning'],
      ['sources.yaml', 'source-undefined', 28, 'error'],
      ['too-deep.yaml', 'too-deep', 3, 'error'],
      ['twice-b.yaml', 'duplicate-rule-set', 3, 'error'],
      ['unknown-predicate.yaml', 'unknown-predicate', 17, 'error'],
      ['unknown-predicate.yaml', 'predicate-params', 25, 'error'],
      ['yaml-syntax.yaml', 'yaml-syntax', 4, 'error'],
    ]);
    expect(out.errors).toBe(16);
    expect(out.warnings).toBe(2);
    const hint = (code: string) => out.findings.find((f) => f.code === code)?.hint;
    expect(hint('unknown-predicate')).toContain('`document`');
    expect(hint('unknown-key')).toContain('`severity`');
    expect(hint('extends-unknown')).toContain('`idds`');
    expect(hint('source-undefined')).toContain('`acme-policy`');
    expect(out.findings.find((f) => f.code === 'duplicate-requirement-id' && f.line === 29)?.message).toContain('rules/idds/');
  });

  it('prints file:line:column, severity and code in text', () => {
    const r = appeal(['rules', 'lint', join(BROKEN, 'sources.yaml'), '--date', '2026-11-23']);
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain(`${join(BROKEN, 'sources.yaml')}:28:27: error source-undefined: requirements[0].source[1]: source \`acme-polcy\` is not defined in this rule set (did you mean \`acme-policy\`?)`);
    expect(lines.at(-1)).toBe('1 file: 2 errors, 2 warnings');
  });

  it('judges staleness as of --date', () => {
    const lint = (date: string) => (JSON.parse(appeal(['rules', 'lint', join(BROKEN, 'sources.yaml'), '--format', 'json', '--date', date]).stdout) as LintJson).findings.map((f) => f.code);
    // verified 2024-01-15; 2024 is a leap year, so 2025-01-14 is 365 days later.
    expect(lint('2025-01-14')).not.toContain('source-stale');
    expect(lint('2025-01-15')).toContain('source-stale');
  });

  it('exits 0 with warnings only, and says warnings do not fail', () => {
    const dir = join(work, 'warn-only');
    cpSync(join(EXAMPLE_RULES, 'acme-idds.yaml'), join(dir, 'acme-idds.yaml'));
    const text = readFileSync(join(dir, 'acme-idds.yaml'), 'utf8').replace('verified: 2026-11-20', 'verified: 2020-01-01');
    writeFileSync(join(dir, 'acme-idds.yaml'), text);
    const r = appeal(['rules', 'lint', dir, '--date', '2026-11-23']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warning source-stale');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('1 file: no errors, 1 warning (warnings do not fail the lint)');
  });

  it('passes the example payer rules', () => {
    const r = appeal(['rules', 'lint', EXAMPLE_RULES, '--date', '2026-11-23']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('1 file: no errors');
  });

  it('rejects a bad --date, an unknown format and a missing directory with exit 2', () => {
    expect(appeal(['rules', 'lint', '--date', '2026-02-30']).code).toBe(2);
    expect(appeal(['rules', 'lint', '--format', 'xml']).code).toBe(2);
    const missing = appeal(['rules', 'lint', join(work, 'nope'), '--format', 'json']);
    expect(missing.code).toBe(2);
    expect((JSON.parse(missing.stdout) as LintJson).findings.map((f) => f.code)).toEqual(['rules-dir']);
  });
});

describe('appeal rules list and show', () => {
  it('lists id, version, effective date, what it applies to, requirement count and origin', () => {
    const r = appeal(['rules', 'list', '--rules', EXAMPLE_RULES]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^ID +VERSION +EFFECTIVE +APPLIES TO +REQUIREMENTS +ORIGIN$/);
    expect(lines.find((l) => l.startsWith('acme-idds'))).toMatch(/^acme-idds \(extends idds\) +2026\.1 +2026-01-01 +idds,plan:erisa,plan:aca-individual +2 +user$/);
    expect(lines.find((l) => l.startsWith('step-therapy '))).toMatch(/2026\.1 +2017-01-01 +reason:step-therapy +\d+ +shipped$/);
  });

  it('lists as JSON', () => {
    const out = JSON.parse(appeal(['rules', 'list', '--format', 'json']).stdout) as { ruleSets: { id: string; requirements: number; origin: string }[] };
    expect(out.ruleSets.find((s) => s.id === 'limits')).toMatchObject({ origin: 'shipped' });
    expect(out.ruleSets.every((s) => s.requirements > 0)).toBe(true);
  });

  it('shows each requirement with its check, severity, when and sources with confidence and verified date', () => {
    const r = appeal(['rules', 'show', 'step-therapy']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('step-therapy.exception-tx  (recommended)');
    expect(r.stdout).toContain('applies when: all of (plan.state is one of TX;');
    expect(r.stdout).toMatch(/source: Tex\. Ins\. Code 1369\.0546\(c\).*\[primary, verified 2026-11-23\]/);
    expect(r.stdout).toContain('note: rests on an unconfirmed source');
  });

  it('shows a payer set with what it inherits', () => {
    const r = appeal(['rules', 'show', 'acme-idds@2026.1', '--rules', EXAMPLE_RULES]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('extends: idds');
    expect(r.stdout).toMatch(/idds\.psych-eval  \(required, inherited\)/);
    expect(r.stdout).toMatch(/idds\.psych-eval-recent  \(required\)  Psychological evaluation within the past 6 months/);
    expect(r.stdout).toContain('acme-idds.treatment-agreement  (required)');
  });

  it('rejects an unknown id or version with exit 2', () => {
    expect(appeal(['rules', 'show', 'nope']).code).toBe(2);
    expect(appeal(['rules', 'show', 'idds@1999.9']).stderr).toContain('versions: 2026.1');
  });
});

describe('user rule directories', () => {
  const findings = (stdout: string) =>
    (JSON.parse(stdout) as { cases: { ruleSets: { id: string }[]; findings: { id: string; status: string; confidence: string; sources: { verified: string }[] }[] }[] }).cases[0]!;

  it('--rules applies the example payer rule set in place of idds', () => {
    const plain = appeal(['check', IDDS_COMPLETE, '--format', 'json']);
    expect(plain.code).toBe(0);
    expect(findings(plain.stdout).ruleSets.map((s) => s.id)).toContain('idds');

    const acme = appeal(['check', '--rules', EXAMPLE_RULES, IDDS_COMPLETE, '--format', 'json']);
    expect(acme.code).toBe(1);
    const c = findings(acme.stdout);
    expect(c.ruleSets.map((s) => s.id)).toContain('acme-idds');
    expect(c.ruleSets.map((s) => s.id)).not.toContain('idds');
    const byId = Object.fromEntries(c.findings.map((f) => [f.id, f]));
    expect(byId['acme-idds.treatment-agreement']?.status).toBe('missing');
    expect(byId['idds.psych-eval']?.status).toBe('satisfied');
    expect(byId['idds.psych-eval-recent']?.sources[0]?.verified).toBe('2026-11-20');
  });

  it('APPEAL_RULES does the same as --rules', () => {
    const r = appeal(['check', IDDS_COMPLETE, '--format', 'json'], { APPEAL_RULES: EXAMPLE_RULES });
    expect(r.code).toBe(1);
    expect(findings(r.stdout).ruleSets.map((s) => s.id)).toContain('acme-idds');
  });

  it('a user file with a shipped id and version replaces the shipped one', () => {
    const dir = join(work, 'override');
    const text = readFileSync(join(ROOT, 'rules', 'reasons', 'medical-necessity.yaml'), 'utf8').replace(
      'title: Medical necessity (any treatment)',
      'title: Medical necessity, our clinic',
    );
    cpSync(join(ROOT, 'rules', 'reasons', 'medical-necessity.yaml'), join(dir, 'mn.yaml'));
    writeFileSync(join(dir, 'mn.yaml'), text);
    const list = appeal(['rules', 'list', '--format', 'json', '--rules', dir]);
    const sets = (JSON.parse(list.stdout) as { ruleSets: { id: string; origin: string; title: string }[] }).ruleSets.filter((s) => s.id === 'medical-necessity');
    expect(sets).toEqual([expect.objectContaining({ origin: 'user', title: 'Medical necessity, our clinic' })]);
    const lint = appeal(['rules', 'lint', dir, '--date', '2026-11-23']);
    expect(lint.code).toBe(0);
  });

  it('a later directory replaces an earlier one\'s set of the same id and version; two in one directory are an error', () => {
    const first = join(work, 'first');
    const second = join(work, 'second');
    const source = readFileSync(join(EXAMPLE_RULES, 'acme-idds.yaml'), 'utf8');
    cpSync(join(EXAMPLE_RULES, 'acme-idds.yaml'), join(first, 'acme.yaml'));
    cpSync(join(EXAMPLE_RULES, 'acme-idds.yaml'), join(second, 'acme.yaml'));
    writeFileSync(join(second, 'acme.yaml'), source.replace('title: Intrathecal drug delivery, Acme Health commercial plans (example)', 'title: Acme, second directory'));
    const list = appeal(['rules', 'list', '--format', 'json', '--rules', second], { APPEAL_RULES: first });
    expect(list.code).toBe(0);
    const acme = (JSON.parse(list.stdout) as { ruleSets: { id: string; title: string }[] }).ruleSets.filter((s) => s.id === 'acme-idds');
    expect(acme.map((s) => s.title)).toEqual(['Acme, second directory']);

    cpSync(join(EXAMPLE_RULES, 'acme-idds.yaml'), join(first, 'acme-copy.yaml'));
    const twice = appeal(['rules', 'list', '--rules', first]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('rule set acme-idds version 2026.1 is also defined in');
  });

  it('a broken user rule file stops check with exit 2 and its file:line:column', () => {
    const r = appeal(['check', '--rules', join(BROKEN, '..', 'broken'), IDDS_COMPLETE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown-predicate\.yaml:17:24: .*unknown predicate `documnet`/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('the findings carry confidence, and sources their verified date, in JSON', () => {
    const c = findings(appeal(['check', IDDS_COMPLETE, '--format', 'json']).stdout);
    expect(c.findings.every((f) => ['primary', 'secondary', 'unconfirmed'].includes(f.confidence))).toBe(true);
    expect(c.findings.some((f) => f.confidence === 'unconfirmed')).toBe(true);
    expect(c.findings.every((f) => f.sources.every((s) => /^\d{4}-\d{2}-\d{2}$/.test(s.verified)))).toBe(true);
  });
});
