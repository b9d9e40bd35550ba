/** Running the built CLI (`node bin/appeal.js`) as a child process, as users do. */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'appeal.js');

/** The launcher's path (the batch tests' name for it). */
export const APPEAL = BIN;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type Run = CliResult;

export function appeal(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', APPEAL_RULES: '', ...options.env },
    timeout: 30_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'appeal-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** No stack trace in what the user sees. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+:\d+:\d+\)?$/m.test(text);
}


export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `appeal ...args` with NO_COLOR=1; `nodeArgs` go before the script (e.g. --import). */
export function runCli(args: readonly string[], options: { cwd?: string; nodeArgs?: readonly string[]; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), BIN, ...args],
      { cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', APPEAL_DEBUG: '', ...options.env }, timeout: options.timeoutMs ?? 15000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error && typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : error ? null : 0;
        resolve({ status: code, signal: (error as { signal?: NodeJS.Signals } | null)?.signal ?? null, stdout, stderr, ms: performance.now() - started });
      },
    );
  });
}

/** A line of a stack trace ("    at fn (file:1:2)"): never allowed in what users see. */
export const STACK_LINE = /^\s+at\s/m;
