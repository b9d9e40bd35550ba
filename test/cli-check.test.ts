import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appeal, hasStackTrace, ROOT, tempDir } from './helpers/cli.js';
import { caseJsonSchema } from '../src/case/json-schema.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

describe('appeal check', () => {
  it('exits 0 for a complete case and says it is ready', () => {
    const r = appeal(['check', 'examples/idds-complete.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('READY');
    expect(r.stdout).not.toMatch(/\u001b\[/); // NO_COLOR
  });

  it('exits 1 and names exactly what is missing', () => {
    const r = appeal(['check', 'examples/idds-missing-psych.yaml', '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    const missing = out.cases[0].findings.filter((f: any) => f.status === 'missing' && f.severity === 'required').map((f: any) => f.id);
    expect(missing).toEqual(['idds.psych-eval']);
    expect(out.cases[0].status).toBe('missing');
  });

  it('reports an invalid file with file:line:column and a fix, exit 2, no stack trace', () => {
    const file = join(tmp.dir, 'typo.yaml');
    writeFileSync(file, readFileSync(join(ROOT, 'examples/idds-complete.yaml'), 'utf8').replace('  name: ', '  nmae: '));
    const r = appeal(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/typo\.yaml:\d+:\d+: patient\.nmae: unknown field/);
    expect(r.stdout).not.toContain('missing required field');
    expect(r.stdout).toContain('did you mean `name`?');
    expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
  });

  it('checks every case in a directory; one bad file does not stop the others', () => {
    copyFileSync(join(ROOT, 'examples/idds-complete.yaml'), join(tmp.dir, 'a.yaml'));
    writeFileSync(join(tmp.dir, 'b.yaml'), 'version: 1\npatient: [unclosed\n');
    copyFileSync(join(ROOT, 'examples/esi-repeat-over-cap.yaml'), join(tmp.dir, 'c.yml'));
    writeFileSync(join(tmp.dir, 'notes.txt'), 'not a case');
    const r = appeal(['check', tmp.dir, '--format', 'json']);
    expect(r.code).toBe(2); // the worst of 0, 2, 1
    const out = JSON.parse(r.stdout);
    expect(out.cases.map((c: any) => [c.file.split('/').pop(), c.status])).toEqual([
      ['a.yaml', 'ready'],
      ['b.yaml', 'invalid'],
      ['c.yml', 'missing'],
    ]);
    expect(out.summary).toEqual({ cases: 3, ready: 1, missing: 1, invalid: 1 });
  });

  it('reads a case from stdin with -', () => {
    const r = appeal(['check', '-'], { input: readFileSync(join(ROOT, 'examples/esi-complete.yaml'), 'utf8') });
    expect(r.code).toBe(0);
  });

  it('reports a missing file as invalid input', () => {
    const r = appeal(['check', join(tmp.dir, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('no such file');
  });

  it('treats an unknown option or format as a usage error (exit 2)', () => {
    expect(appeal(['check', 'examples/idds-complete.yaml', '--format', 'xml']).code).toBe(2);
    expect(appeal(['check', 'examples/idds-complete.yaml', '--frobnicate']).code).toBe(2);
    expect(appeal(['chek', 'examples/idds-complete.yaml']).code).toBe(2);
  });

  it('puts the appeal deadline first, as of --date', () => {
    const text = appeal(['check', 'examples/idds-complete.yaml', '--date', '2026-11-23']);
    expect(text.stdout.split('\n')[1]).toMatch(/^  Deadline: .*file by \w+ \d{4}-\d{2}-\d{2} \(\d+ days left\)/);
    const json = JSON.parse(appeal(['check', 'examples/idds-complete.yaml', '--date', '2026-11-23', '--format', 'json']).stdout);
    expect(json.cases[0].deadline.next).toMatchObject({ status: 'open' });
    expect(json.cases[0].deadline.next.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(appeal(['check', 'examples/idds-complete.yaml', '--date', '2026-13-01']).code).toBe(2);
  });

  it('infers reasons from CARC/RARC codes when none are listed', () => {
    const r = appeal(['check', 'examples/esi-repeat-over-cap.yaml', '--format', 'json']);
    const reasons = JSON.parse(r.stdout).cases[0].reasons;
    expect(reasons[0]).toMatchObject({ id: 'frequency-limit', from: 'codes' });
  });
});

describe('appeal --help, --version, schema', () => {
  it('prints help with an example and exits 0', () => {
    const r = appeal(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(appeal(['check', '--help']).stdout).toContain('appeal check examples/');
  });
  it('prints the version', () => {
    const r = appeal(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });
  it('prints the JSON Schema, and the shipped copy is current', () => {
    const r = appeal(['schema']);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed.properties.patient.required).toContain('date_of_birth');
    expect(printed).toEqual(caseJsonSchema());
    expect(JSON.parse(readFileSync(join(ROOT, 'schema/case.schema.json'), 'utf8'))).toEqual(printed);
  });
});
