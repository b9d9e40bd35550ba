/** Unit tests of the safety checks: regex safety, path confinement, tags, dates, extends. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCase } from '../src/case/load.js';
import { confinedPath, localToday, pathEscape } from '../src/case/sanity.js';
import { InputError } from '../src/diagnostic.js';
import { parseYamlSource } from '../src/yaml-source.js';
import { unsafePattern } from '../src/rules/safe-pattern.js';
import { validateCheck } from '../src/rules/check.js';
import { readFileSync } from 'node:fs';

const base = readFileSync('test/corpus/cases/valid-base.yaml', 'utf8');

function codes(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics.map((d) => d.code);
    throw e;
  }
  return [];
}

describe('regular expressions in rule files', () => {
  it.each(['cleared|suitable', '\\b(fail\\w*|refractory)', '^(?!.*\\bnot\\b).*\\bcleared\\b', 'a{2}b+', '(ab)?c*'])('accepts %s', (p) => {
    expect(unsafePattern(p)).toBeUndefined();
  });
  it.each(['(a+)+$', '(a*)*', '(\\w+\\s?)+$', '((ab)*c)+', '(x+x+){2,}y', '(a|b+)*', '(a)\\1', '(?<x>a)\\k<x>', '(unclosed', 'x'.repeat(301)])('refuses %s', (p) => {
    expect(unsafePattern(p)).toBeDefined();
  });
  it('reports a refused pattern as unsafe-pattern at the parameter', () => {
    const problems = validateCheck({ document: { kind: 'psych-eval', result: '(a+)+$' } }, ['requirements', 0, 'check']);
    expect(problems).toEqual([expect.objectContaining({ code: 'unsafe-pattern', path: ['requirements', 0, 'check', 'document', 'result'] })]);
  });
});

describe('document file paths', () => {
  it.each(['../../etc/passwd', '/etc/passwd', 'C:\\Windows\\win.ini', 'docs/../../x.pdf', '..', 'file:///etc/shadow', '\\\\server\\share\\x.pdf', 'docs\\..\\..\\x.pdf'])('refuses %s', (p) => {
    expect(pathEscape(p)).toBeDefined();
  });
  it.each(['docs/psych-eval.pdf', 'psych.pdf', 'docs/../psych.pdf', './a/b.pdf', '..hidden.pdf'])('accepts %s', (p) => {
    expect(pathEscape(p)).toBeUndefined();
  });

  const dir = mkdtempSync(join(tmpdir(), 'appeal-confine-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('confinedPath follows symbolic links and refuses one that leads out of the case folder', () => {
    const caseDir = join(dir, 'case');
    mkdirSync(join(caseDir, 'docs'), { recursive: true });
    writeFileSync(join(caseDir, 'docs', 'eval.pdf'), 'x');
    writeFileSync(join(dir, 'outside.pdf'), 'x');
    symlinkSync(join(dir, 'outside.pdf'), join(caseDir, 'docs', 'link.pdf'));
    expect(confinedPath(caseDir, 'docs/eval.pdf')).toMatch(/eval\.pdf$/);
    expect(confinedPath(caseDir, 'docs/link.pdf')).toBeUndefined();
    expect(confinedPath(caseDir, '../outside.pdf')).toBeUndefined();
    expect(confinedPath(caseDir, 'docs/missing.pdf')).toBeUndefined();
  });
});

describe('dates', () => {
  it('a denial dated after today is refused, dated today is accepted', () => {
    const dated = (d: string) => base.replace('date: 2026-10-03', `date: ${d}`);
    expect(codes(() => parseCase(dated('2026-10-11'), 'x', { today: '2026-10-10' }))).toEqual(['future-date']);
    expect(codes(() => parseCase(dated('2026-10-10'), 'x', { today: '2026-10-10' }))).toEqual([]);
  });
  it('a planned service date and a planned end date may be in the future', () => {
    const text = base.replace('date: 2026-11-02', 'date: 2099-01-01').replace('end: 2023-11-15', 'end: 2099-01-01');
    expect(codes(() => parseCase(text, 'x', { today: '2026-11-23' }))).toEqual([]);
  });
  it('localToday is the local calendar date', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('YAML tags are refused: files are data', () => {
  it.each(['!!js/function "function () {}"', '!!js/undefined ""', '!!binary aGVsbG8=', '!!set {a}', '!!omap [a: 1]', '!!timestamp 2026-01-01', '!custom x', '!<tag:example.com,2000:x> y'])('in a case file: %s', (tagged) => {
    expect(codes(() => parseCase(base.replace('result: cleared', `result: ${tagged}`), 'x'))).toContain('yaml-tag');
  });
  it('in a rule file', () => {
    expect(codes(() => parseYamlSource('id: x\nargument: !!js/function "function () {}"\n', 'rules.yaml'))).toEqual(['yaml-tag']);
  });
  it('core tags that only restate the type are fine', () => {
    expect(codes(() => parseCase(base.replace('result: cleared', 'result: !!str 00451'), 'x'))).toEqual([]);
  });
});

describe('prototype keys never pollute', () => {
  it('a rule file with __proto__ and constructor keys leaves Object.prototype alone', () => {
    const { value } = parseYamlSource('__proto__: { polluted: 1 }\nconstructor: { prototype: { polluted: 1 } }\n', 'r.yaml');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});
