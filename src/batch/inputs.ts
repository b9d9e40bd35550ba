/**
 * Turns the FILE|DIR|GLOB arguments of check/render into the ordered list of case files.
 *
 * Order is part of the output contract (batch output is deterministic): arguments in the
 * order given, each directory walked in sorted order, each glob's matches sorted.
 */
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostic.js';

export interface Inputs {
  files: string[];
  /** Arguments that name nothing readable: each becomes an invalid entry in the run. */
  problems: Diagnostic[];
}

export interface ExpandOptions {
  /** Walk sub-directories of directory arguments (globs say their own depth with `**`). */
  recursive?: boolean;
}

const CASE_FILE = /\.ya?ml$/i;
const GLOB_CHARS = /[*?[\]{}]/;
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function expandInputs(args: readonly string[], options: ExpandOptions = {}): Inputs {
  const files: string[] = [];
  const problems: Diagnostic[] = [];
  for (const arg of args) {
    if (arg === '-') {
      files.push('-');
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(arg).isDirectory();
    } catch {
      // Not a path: a quoted glob the shell left for us, or a typo.
      if (GLOB_CHARS.test(arg)) {
        const matches = globCases(arg);
        if (matches.length === 0) problems.push({ code: 'no-cases', file: arg, message: 'the pattern matches no *.yaml or *.yml case files' });
        files.push(...matches);
      } else {
        problems.push({ code: 'file-unreadable', file: arg, message: 'no such file or directory' });
      }
      continue;
    }
    if (!isDir) {
      files.push(arg);
      continue;
    }
    const found = casesIn(arg, !!options.recursive);
    if (found.length === 0) problems.push({ code: 'no-cases', file: arg, message: 'the directory holds no *.yaml or *.yml case files', hint: options.recursive ? undefined : 'use -r to look in sub-directories' });
    files.push(...found);
  }
  return { files, problems };
}

function globCases(pattern: string): string[] {
  // Loaded only when a pattern is given (most runs name files and directories), and
  // synchronously so that expansion stays a plain function.
  const { globSync } = createRequire(import.meta.url)('tinyglobby') as typeof import('tinyglobby');
  const matches = globSync(pattern, { onlyFiles: true, dot: false, expandDirectories: false, ignore: ['**/node_modules/**'] });
  return matches.filter((f) => CASE_FILE.test(f)).sort(byName);
}

function casesIn(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive && !entry.name.startsWith('.') && entry.name !== 'node_modules') out.push(...casesIn(full, true));
    } else if (CASE_FILE.test(entry.name)) out.push(full);
  }
  return out;
}
