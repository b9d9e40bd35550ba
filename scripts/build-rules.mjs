// Build step: validate the shipped rules and deadline tables and precompile them to
// dist/rules.json and dist/deadlines.json (see src/rules/snapshot.ts). A file that does not
// validate fails the build.
import { writeFileSync } from 'node:fs';
import { buildSnapshot } from '../dist/rules/load.js';
import { buildDeadlinesSnapshot } from '../dist/deadlines/load.js';
import { DEADLINES_SNAPSHOT_FILE, SNAPSHOT_FILE } from '../dist/rules/snapshot.js';

try {
  const snapshot = buildSnapshot();
  writeFileSync(SNAPSHOT_FILE, JSON.stringify(snapshot));
  console.log(`rules: ${snapshot.ruleSets.length} rule sets precompiled to dist/rules.json`);
} catch (e) {
  console.error(`rules: the shipped rules do not validate:\n${e.message}`);
  process.exit(1);
}
try {
  const deadlines = buildDeadlinesSnapshot();
  writeFileSync(DEADLINES_SNAPSHOT_FILE, JSON.stringify(deadlines));
  console.log(`rules: ${deadlines.library.paths.length} appeal paths precompiled to dist/deadlines.json`);
} catch (e) {
  console.error(`rules: the shipped deadline tables do not validate:\n${e.message}`);
  process.exit(1);
}
