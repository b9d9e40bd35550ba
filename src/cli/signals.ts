/**
 * Interrupts: Ctrl-C (SIGINT) or a kill (SIGTERM) in the middle of a run must leave no
 * partial file. Writes go to a temp file and are renamed into place (src/write-file.ts);
 * on a signal, any temp file still open is removed and the process ends with the
 * conventional code 128 + signal number (130, 143). SIGKILL cannot be caught: a temp
 * file (`.NAME.xxxx.tmp`, never the output name) may then remain.
 */
import { cleanupTempFiles } from '../write-file.js';

export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

export function installSignalCleanup(): void {
  for (const signal of Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]) {
    process.once(signal, () => {
      cleanupTempFiles();
      process.exit(SIGNAL_EXIT[signal]);
    });
  }
}
