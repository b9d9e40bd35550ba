/** Turns the FILE|DIR arguments of check/render into the list of case files to read. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostic.js';

export interface Inputs {
  files: string[];
  /** Arguments that name nothing readable: each becomes an invalid entry in the run. */
  problems: Diagnostic[];
}

const CASE_FILE = /\.ya?ml$/i;

export function expandInputs(args: readonly string[], options: { recursive?: boolean } = {}): Inputs {
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
      problems.push({ code: 'file-unreadable', file: arg, message: 'no such file or directory' });
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
