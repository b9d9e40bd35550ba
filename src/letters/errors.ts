/**
 * A letter that cannot honestly be written: a denial reason no evidence answers, a
 * template that reads a field the view lacks, text left unresolved. Not bad input (exit 2)
 * but a failed render (exit 1): the case is valid, the letter is not ready.
 */
export class LetterError extends Error {
  constructor(
    /** Stable code for scripts and tests: `reason-unanswered`, `template-field`, `placeholder`. */
    readonly code: string,
    message: string,
    /** What to do about it. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'LetterError';
  }
}
