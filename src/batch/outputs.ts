/**
 * Where `render --out-dir DIR` writes each case's letter: `<case-basename>.<kind>.<ext>`.
 *
 * Names come from the case FILE names, never from case contents, and every path is resolved
 * and checked to lie directly inside DIR, so nothing is ever written elsewhere. Cases with the
 * same base name in different directories get `-2`, `-3`... in input order (which is sorted,
 * hence deterministic); names are compared case-insensitively for macOS and Windows disks.
 */
import { basename, dirname, resolve } from 'node:path';
import { InputError } from '../diagnostic.js';

/** Characters kept in an output name; anything else (spaces included) becomes `_`. */
const UNSAFE = /[^A-Za-z0-9._-]/g;

export function caseStem(file: string): string {
  if (file === '-') return 'stdin';
  const stem = basename(file).replace(/\.ya?ml$/i, '').replace(UNSAFE, '_');
  // No hidden files, no `.` or `..`, never empty.
  return stem.replace(/^\.+/, (dots) => '_'.repeat(dots.length)) || 'case';
}

/** The output path of each case file, in input order. Throws if any would leave outDir. */
export function planOutputs(files: readonly string[], outDir: string, kind: string, ext: string): string[] {
  const dir = resolve(outDir);
  const suffix = `.${kind.replace(UNSAFE, '_')}.${ext.replace(UNSAFE, '_')}`;
  const stems = files.map(caseStem);
  // A name some case has by right is never given to another as a de-duplicated name.
  const taken = new Set(stems.map((s) => s.toLowerCase()));
  const given = new Set<string>();
  return stems.map((stem, i) => {
    let name = stem;
    if (given.has(name.toLowerCase())) {
      let n = 2;
      while (taken.has(`${stem}-${n}`.toLowerCase()) || given.has(`${stem}-${n}`.toLowerCase())) n++;
      name = `${stem}-${n}`;
    }
    given.add(name.toLowerCase());
    return insideDir(dir, `${name}${suffix}`, files[i]!);
  });
}

function insideDir(dir: string, name: string, file: string): string {
  const path = resolve(dir, name);
  if (dirname(path) !== dir || basename(path) !== name) {
    throw new InputError([{ code: 'unsafe-output', file, message: 'the output name would fall outside --out-dir; nothing was written' }]);
  }
  return path;
}
