/**
 * Writing outputs that hold health data: atomically (temp file in the same directory,
 * fsync, rename), never over an existing file unless forced, readable by the owner only.
 * Temp files still open when the process is interrupted are removed (see cleanupTempFiles).
 */
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync, constants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError } from './diagnostic.js';

export interface WriteOptions {
  /** Replace an existing file. */
  force?: boolean;
  /** File mode; 0600 by default because outputs hold health data. */
  mode?: number;
}

const pending = new Set<string>();

export function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  if (!options.force && existsSync(path)) {
    throw new InputError([{ code: 'file-exists', file: path, message: 'the file already exists; nothing was written', hint: 'use --force to replace it, or choose another output path' }]);
  }
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  pending.add(temp);
  let fd: number | undefined;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, options.mode ?? 0o600);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (options.force) renameSync(temp, path);
    else publishWithoutClobbering(temp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
    if (e instanceof InputError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new InputError([{ code: 'write-failed', file: path, message: `cannot write the file (${err.code ?? 'error'})`, hint: 'check that the directory exists and is writable' }]);
  } finally {
    pending.delete(temp);
  }
}

/**
 * Moves the finished temp file into place only if nothing is there: a hard link fails with
 * EEXIST atomically, so a file created meanwhile by someone else is never replaced.
 */
function publishWithoutClobbering(temp: string, path: string): void {
  try {
    linkSync(temp, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new InputError([{ code: 'file-exists', file: path, message: 'the file appeared while writing; nothing was written', hint: 'use --force to replace it' }]);
    }
    // File systems without hard links: check, then rename (a narrow race remains there).
    if (existsSync(path)) throw new InputError([{ code: 'file-exists', file: path, message: 'the file already exists; nothing was written', hint: 'use --force to replace it' }]);
    renameSync(temp, path);
    return;
  }
  unlinkSync(temp);
}

/** Removes temp files of writes that an interrupt cut short. Safe to call from a signal handler. */
export function cleanupTempFiles(): void {
  for (const temp of pending) {
    try {
      unlinkSync(temp);
    } catch {
      /* nothing to remove */
    }
  }
  pending.clear();
}
