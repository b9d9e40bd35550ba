import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { JobOutcome, JobSpec } from '../src/batch/job.js';
import { Progress } from '../src/batch/progress.js';
import { count, emptyTally, exitCodeFor, summaryLine } from '../src/batch/summary.js';

// The pool starts its workers from dist/ (they run compiled JavaScript), so test it there
// (`npm test` builds first); the types come from the source.
const DIST_POOL = '../dist/batch/pool.js';
const { runJob } = (await import(DIST_POOL)) as typeof import('../src/batch/pool.js');

const JOB = pathToFileURL(resolve('test/fixtures/jobs/echo-job.mjs')).href;
const spec = (name = 'echoJob'): JobSpec<{ tag: string }> => ({ module: JOB, export: name, options: { tag: 't' } });

async function all(files: string[], jobs: number, name?: string) {
  const out: JobOutcome<{ file: string; tag: string; started: number }>[] = [];
  for await (const o of runJob<{ tag: string }, { file: string; tag: string; started: number }>(files, spec(name), { jobs })) out.push(o);
  return out;
}

describe('runJob', () => {
  it('yields outcomes in input order although later cases finish first', async () => {
    // Slow first cases on two workers: completion order differs from input order.
    const files = ['120-a', '5-b', '80-c', '1-d', '40-e', '1-f', '1-g', '60-h'].map((f) => f.replace(/-(\w)$/, '-ok$1'));
    // In-process, two cases are in flight too (reading overlaps parsing).
    for (const jobs of [1, 2]) {
      const out = await all(files, jobs);
      expect(out.map((o) => o.file)).toEqual(files);
      expect(out.map((o) => o.index)).toEqual(files.map((_, i) => i));
      expect(out.every((o) => o.ok && o.value.tag === 't')).toBe(true);
    }
  });

  it('builds the job once per worker, not once per case', async () => {
    const out = await all(Array.from({ length: 12 }, (_, i) => `1-ok${i}`), 2);
    const starts = new Set(out.map((o) => (o.ok ? o.value.started : -1)));
    expect(starts.size).toBeLessThanOrEqual(2);
  });

  it('keeps going when one case throws, in-process and on workers', async () => {
    for (const jobs of [1, 2]) {
      const out = await all(['1-ok', '1-throw', '1-ok2'], jobs);
      expect(out.map((o) => o.ok)).toEqual([true, false, true]);
      expect(out[1]).toMatchObject({ ok: false, file: '1-throw', error: 'job failed on 1-throw' });
    }
  });

  it('fails only the cases a crashed worker held; the rest complete on a new worker', async () => {
    const files = ['1-ok1', '20-exit', '1-ok2', '1-ok3', '1-ok4', '1-ok5'];
    const out = await all(files, 2);
    expect(out.map((o) => o.file)).toEqual(files);
    expect(out.find((o) => o.file === '20-exit')).toMatchObject({ ok: false });
    expect(out.filter((o) => o.ok).length).toBeGreaterThanOrEqual(4);
    expect(out.filter((o) => o.ok).map((o) => o.file)).toContain('1-ok5');
  });

  it('throws when the job cannot start at all', async () => {
    await expect(all(['1-a', '1-b'], 2, 'brokenJob')).rejects.toThrow('cannot start');
    await expect(all(['1-a'], 1, 'brokenJob')).rejects.toThrow('cannot start');
  });

  it('yields nothing for no files', async () => {
    expect(await all([], 2)).toEqual([]);
  });
});

describe('summary', () => {
  it('counts cases and takes the worst exit code', () => {
    const t = emptyTally();
    expect(exitCodeFor(t)).toBe(0);
    count(t, 'ready');
    count(t, 'missing');
    expect(exitCodeFor(t)).toBe(1);
    count(t, 'invalid');
    expect(exitCodeFor(t)).toBe(2);
    expect(summaryLine(t)).toBe('3 cases: 1 ready, 1 missing, 1 invalid');
    count(t, 'ready', 1);
    expect(summaryLine(t, { written: true })).toBe('4 cases: 2 ready, 1 missing, 1 invalid, 1 written');
  });
});

describe('Progress', () => {
  const stream = (isTTY: boolean) => {
    const chunks: string[] = [];
    return { isTTY, columns: 80, chunks, write: (t: string) => chunks.push(t) };
  };

  it('draws nothing in the first second, then a bar, and erases it at the end', () => {
    vi.useFakeTimers();
    try {
      const s = stream(true);
      const p = new Progress(s, 10);
      p.tick();
      expect(s.chunks).toEqual([]);
      vi.advanceTimersByTime(1500);
      p.tick();
      expect(s.chunks.join('')).toContain('2/10 cases');
      p.end();
      expect(s.chunks.at(-1)).toBe('\r\u001b[2K');
    } finally {
      vi.useRealTimers();
    }
  });

  it('never draws when not on a terminal, or when disabled', () => {
    vi.useFakeTimers();
    try {
      const piped = stream(false);
      const quiet = stream(true);
      const bars = [new Progress(piped, 3), new Progress(quiet, 3, false)];
      vi.advanceTimersByTime(2000);
      for (const p of bars) {
        p.tick();
        p.end();
      }
      expect(piped.chunks).toEqual([]);
      expect(quiet.chunks).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
