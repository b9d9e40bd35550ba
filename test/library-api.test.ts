import { readdirSync } from 'node:fs';
/** The README's library example, run as written against the built package entry point. */
import { describe, expect, it } from 'vitest';

const DIST_INDEX = '../dist/index.js';
const api = (await import(DIST_INDEX)) as typeof import('../src/index.js');

describe('library API', () => {
  it('checks one case and many, in input order, like the CLI', async () => {
    const { loadRules, loadCase, checkCase, checkFiles, caseToJson } = api;
    const rules = loadRules();
    const { case: c } = await loadCase('examples/idds-missing-psych.yaml');
    const findings = checkCase(c, rules, { pins: { idds: '2026.1' } });
    expect(findings.ready).toBe(false);
    expect(findings.findings.some((f) => f.status === 'missing' && f.severity === 'required')).toBe(true);

    const seen: string[] = [];
    for await (const report of checkFiles(['examples/', 'test/fixtures/cases/bad/syntax-error.yaml', 'examples/*.yml'], { jobs: 2 })) {
      seen.push(`${caseToJson(report).file} ${report.status}`);
    }
    // Unmatched patterns first, then the directory's cases sorted by name, then the file.
    const names = readdirSync('examples').filter((n) => n.endsWith('.yaml')).sort();
    const expected = ['examples/*.yml invalid', ...names.map((n) => `examples/${n} ${n.includes('complete') ? 'ready' : 'missing'}`), 'test/fixtures/cases/bad/syntax-error.yaml invalid'];
    expect(seen).toEqual(expected);
    expect(seen.length).toBeGreaterThan(10);
  });

  it('stream writers print what the whole-run formatters print', async () => {
    const { checkFiles, reportWriter, FORMATTERS } = api;
    const reports = [];
    for await (const r of checkFiles(['examples/', 'test/fixtures/cases/bad/dob-list.yaml'], { jobs: 1 })) reports.push(r);
    for (const format of ['text', 'json'] as const) {
      for (const options of [{ color: false }, { color: true, verbose: true }]) {
        const w = reportWriter(format, options);
        const streamed = reports.map((r) => w.write(r)).join('') + w.end();
        expect(streamed).toBe(FORMATTERS[format]!(reports, options));
        const oneW = reportWriter(format, options);
        expect(oneW.write(reports[0]!) + oneW.end()).toBe(FORMATTERS[format]!(reports.slice(0, 1), options));
      }
    }
  });
});
