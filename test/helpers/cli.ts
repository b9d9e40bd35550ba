/** Runs the built CLI (`node bin/appeal.js`) the way a user's shell would, without colour. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const APPEAL = resolve('bin/appeal.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function appeal(args: string[], options: { cwd?: string; input?: string } = {}): Run {
  const r = spawnSync(process.execPath, [APPEAL, ...args], {
    cwd: options.cwd,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
