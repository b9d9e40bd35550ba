/** Naming render outputs after case files, never outside --out-dir. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseStem, planOutputs } from '../src/batch/outputs.js';
import { appeal } from './helpers/cli.js';

describe('planOutputs', () => {
  it('names each output <case-basename>.<kind>.<ext> inside the output directory', () => {
    expect(planOutputs(['cases/jane.yaml', 'other/bob.yml'], 'out', 'appeal', 'pdf')).toEqual([
      resolve('out/jane.appeal.pdf'),
      resolve('out/bob.appeal.pdf'),
    ]);
  });

  it('gives same-named cases from different directories -2, -3 in input order, skipping names other cases own', () => {
    const files = ['a/case.yaml', 'b/case.yaml', 'c/CASE.yaml', 'case-2.yaml'];
    expect(planOutputs(files, '/o', 'appeal', 'md')).toEqual(['/o/case.appeal.md', '/o/case-3.appeal.md', '/o/CASE-4.appeal.md', '/o/case-2.appeal.md']);
    // Same input, same names.
    expect(planOutputs(files, '/o', 'appeal', 'md')).toEqual(planOutputs(files, '/o', 'appeal', 'md'));
  });

  it('never lets a file name climb out or hide: only the base name is used, unsafe characters replaced', () => {
    expect(caseStem('../../etc/passwd.yaml')).toBe('passwd');
    expect(caseStem('cases/..yaml')).toBe('_');
    expect(caseStem('cases/.hidden.yaml')).toBe('_hidden');
    expect(caseStem('cases/Jane Doe; rm -rf.yaml')).toBe('Jane_Doe__rm_-rf');
    expect(caseStem('-')).toBe('stdin');
    for (const p of planOutputs(['../../x.yaml', '/abs/.yaml', 'a/b/..yml'], '/safe/out', '..', '../pdf')) {
      expect(p.startsWith('/safe/out/')).toBe(true);
      expect(p.slice('/safe/out/'.length)).not.toMatch(/\//);
    }
  });
});

describe('render --out-dir', () => {
  it('writes every letter inside --out-dir and nothing anywhere else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'appeal-out-'));
    try {
      mkdirSync(join(dir, 'cases/a'), { recursive: true });
      mkdirSync(join(dir, 'cases/b'));
      copyFileSync('examples/idds-complete.yaml', join(dir, 'cases/a/case.yaml'));
      copyFileSync('examples/esi-complete.yaml', join(dir, 'cases/b/case.yaml'));
      copyFileSync('examples/esi-complete.yaml', join(dir, 'cases/..evil.yaml'));
      const before = readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
      const r = appeal(['render', 'cases', '-r', '--out-dir', 'out', '--format', 'md', '--date', '2026-11-01', '--jobs', '2'], { cwd: dir });
      expect(r.code).toBe(0);
      const after = readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
      const added = after.filter((p) => !before.includes(p));
      expect(added).toEqual(['out', 'out/__evil.appeal.md', 'out/case-2.appeal.md', 'out/case.appeal.md']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
