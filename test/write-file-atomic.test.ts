/** The order of operations inside writeFileAtomic, observed through a spied node:fs. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return { ...fs, openSync: vi.fn(fs.openSync), fsyncSync: vi.fn(fs.fsyncSync), renameSync: vi.fn(fs.renameSync), linkSync: vi.fn(fs.linkSync), writeSync: vi.fn(fs.writeSync) };
});

const fs = await import('node:fs');
const { writeFileAtomic } = await import('../src/write-file.js');

describe('writeFileAtomic internals', () => {
  it('writes a temp file in the target directory, fsyncs it, then links it into place without clobbering', () => {
    const dir = mkdtempSync(join(tmpdir(), 'appeal-atomic-'));
    try {
      const target = join(dir, 'letter.md');
      writeFileAtomic(target, 'content');
      const open = vi.mocked(fs.openSync).mock;
      const link = vi.mocked(fs.linkSync).mock;
      const fsync = vi.mocked(fs.fsyncSync).mock;
      const temp = String(open.calls.at(-1)![0]);
      expect(dirname(temp)).toBe(dir);
      expect(temp).not.toBe(target);
      // O_EXCL: the temp name is never an existing file.
      expect(Number(open.calls.at(-1)![1]) & fs.constants.O_EXCL).toBe(fs.constants.O_EXCL);
      // A hard link fails with EEXIST if a file appeared meanwhile: atomic no-clobber.
      expect(link.calls.at(-1)).toEqual([temp, target]);
      expect(fsync.invocationCallOrder.at(-1)!).toBeLessThan(link.invocationCallOrder.at(-1)!);
      expect(fs.existsSync(temp)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with force, renames the fsynced temp file over the old one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'appeal-atomic-'));
    try {
      const target = join(dir, 'letter.md');
      fs.writeFileSync(target, 'old');
      writeFileAtomic(target, 'new', { force: true });
      const temp = String(vi.mocked(fs.openSync).mock.calls.at(-1)![0]);
      expect(vi.mocked(fs.renameSync).mock.calls.at(-1)).toEqual([temp, target]);
      expect(fs.readFileSync(target, 'utf8')).toBe('new');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('removes the temp file when writing fails half-way (disk full)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'appeal-atomic-'));
    try {
      vi.mocked(fs.writeSync).mockImplementationOnce(() => {
        throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      });
      expect(() => writeFileAtomic(join(dir, 'letter.md'), 'content')).toThrow(/ENOSPC/);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
