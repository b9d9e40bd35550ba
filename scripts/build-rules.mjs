// Build step: validate the shipped rules and precompile them to dist/rules.json
// (see src/rules/snapshot.ts). A rule file that does not validate fails the build.
import { writeFileSync } from 'node:fs';
import { buildSnapshot } from '../dist/rules/load.js';
import { SNAPSHOT_FILE } from '../dist/rules/snapshot.js';

try {
  const snapshot = buildSnapshot();
  writeFileSync(SNAPSHOT_FILE, JSON.stringify(snapshot));
  console.log(`rules: ${snapshot.ruleSets.length} rule sets precompiled to dist/rules.json`);
} catch (e) {
  console.error(`rules: the shipped rules do not validate:\n${e.message}`);
  process.exit(1);
}
