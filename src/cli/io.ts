/** What the CLI layer knows about its terminal: colour, exit codes, printing diagnostics. */
import { formatDiagnostic, InputError, type Diagnostic } from '../diagnostic.js';

export const EXIT = { ok: 0, incomplete: 1, invalid: 2 } as const;

/** Colour only on a TTY, never with NO_COLOR (any value) and never with --no-color. */
export function useColor(stream: NodeJS.WriteStream, flag?: boolean): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  return !!stream.isTTY;
}

export function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  // The code in brackets is stable (scripts and the docs can rely on it); the words may change.
  for (const d of diagnostics) process.stderr.write(`error: ${formatDiagnostic(d)} [${d.code}]\n`);
}

/**
 * Turns anything thrown into a message and exit code, never a stack trace.
 * Input errors are the user's to fix (exit 2); anything else is our bug, said plainly.
 */
export function reportFailure(error: unknown): number {
  if (error instanceof InputError) {
    printDiagnostics(error.diagnostics);
    return EXIT.invalid;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`error: ${error.message}\n`);
    return EXIT.invalid;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`appeal: internal error: ${message}\n(this is a bug in appeal; set APPEAL_DEBUG=1 for details)\n`);
  if (process.env.APPEAL_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return EXIT.invalid;
}

/** A flag or argument the command cannot use. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
