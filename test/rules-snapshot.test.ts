/** The precompiled shipped rules (dist/rules.json) must be exactly what the YAML says. */
import { describe, expect, it } from 'vitest';

// The snapshot lives next to the compiled code, so test the compiled loader (`npm test` builds first).
const DIST_LOAD = '../dist/rules/load.js';
const DIST_SNAPSHOT = '../dist/rules/snapshot.js';
const { loadRules, buildSnapshot } = (await import(DIST_LOAD)) as typeof import('../src/rules/load.js');
const { readSnapshot } = (await import(DIST_SNAPSHOT)) as typeof import('../src/rules/snapshot.js');

describe('rules snapshot', () => {
  it('loads the same library as reading the YAML', () => {
    expect(loadRules()).toEqual(loadRules({ snapshot: false }));
  });

  it('is present and fresh after the build', () => {
    const fresh = readSnapshot(buildSnapshot().fingerprint);
    expect(fresh?.ruleSets.length).toBeGreaterThan(0);
  });

  it('is ignored when its fingerprint does not match the YAML', () => {
    expect(readSnapshot('not-the-fingerprint')).toBeUndefined();
  });

  it('still lets user rule directories add to the shipped rules', () => {
    expect(() => loadRules({ dirs: ['no-such-dir'] })).toThrow(/no-such-dir/);
  });
});

describe('deadline tables snapshot', async () => {
  const { loadDeadlines, buildDeadlinesSnapshot, SHIPPED_DEADLINES_DIR } = (await import('../dist/deadlines/load.js' as string)) as typeof import('../src/deadlines/load.js');
  const { readSnapshot, DEADLINES_SNAPSHOT_FILE } = (await import(DIST_SNAPSHOT)) as typeof import('../src/rules/snapshot.js');

  it('loads the same tables as reading the YAML', () => {
    expect(loadDeadlines()).toEqual(loadDeadlines(SHIPPED_DEADLINES_DIR, { snapshot: false }));
  });

  it('is present and fresh after the build, and ignored when stale', () => {
    const fresh = readSnapshot<{ fingerprint: string; library: { paths: unknown[] } }>(buildDeadlinesSnapshot().fingerprint, DEADLINES_SNAPSHOT_FILE);
    expect(fresh?.library.paths.length).toBeGreaterThan(0);
    expect(readSnapshot('not-the-fingerprint', DEADLINES_SNAPSHOT_FILE)).toBeUndefined();
  });
});
