// Test-only: writes numbered files in a loop with writeFileAtomic, with the CLI's signal
// handling installed, until killed. Prints "wrote N" after each complete file.
// Usage: node write-loop.mjs DIR SIZE_BYTES
import { join } from 'node:path';
import { writeFileAtomic } from '../../dist/write-file.js';
import { installSignalCleanup } from '../../dist/cli/signals.js';

installSignalCleanup();
const [dir, size] = process.argv.slice(2);
for (let n = 0; ; n++) {
  writeFileAtomic(join(dir, `out-${n}.txt`), String(n % 10).repeat(Number(size)));
  process.stdout.write(`wrote ${n}\n`);
  await new Promise((resolve) => setImmediate(resolve));
}
