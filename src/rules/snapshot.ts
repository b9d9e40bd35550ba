/**
 * The shipped rules, precompiled: `npm run build` validates rules/ and writes the result to
 * dist/rules.json with a fingerprint of the YAML it came from. Parsing ~50 KB of rule YAML
 * and validating it with zod was most of the start-up time of `appeal check` on one case;
 * reading the JSON is a few milliseconds. The snapshot is used only while it matches the
 * YAML byte for byte (someone may edit rules/ in place), otherwise the YAML is read.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { ReasonCatalogue } from './reasons.js';
import type { RuleSet } from './schema.js';

export const SNAPSHOT_FILE = new URL('../rules.json', import.meta.url);
/** The shipped deadline tables (rules/deadlines/), precompiled the same way. */
export const DEADLINES_SNAPSHOT_FILE = new URL('../deadlines.json', import.meta.url);

export interface RulesSnapshot {
  fingerprint: string;
  ruleSets: RuleSet[];
  reasons: ReasonCatalogue;
}

/** A digest of every file the shipped library is read from: names and contents. */
export function fingerprint(dir: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    hash.update(relative(dir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** The precompiled library if present and fresh, else undefined (never throws). */
export function readSnapshot<T extends { fingerprint: string } = RulesSnapshot>(expected: string, file: URL = SNAPSHOT_FILE): T | undefined {
  try {
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as T;
    return snapshot.fingerprint === expected ? snapshot : undefined;
  } catch {
    return undefined;
  }
}
