/**
 * A problem with an input file (case, rule set, template, config), located precisely.
 *
 * Diagnostics are data: the CLI formats them. They name the field and what was expected,
 * never the value found where that value may be health data (see `found`).
 */
export interface Diagnostic {
  /** Stable machine-readable code, e.g. `yaml-syntax`, `unknown-key`, `invalid-type`. */
  code: string;
  /** The file as the user named it. */
  file: string;
  /** 1-based line and column; absent only when the problem has no place (empty file). */
  line?: number;
  column?: number;
  /** Dotted field path, e.g. `denial.date` or `history.medications[1].dose`. */
  path?: string;
  /** What went wrong, in plain words, without echoing case values. */
  message: string;
  /** What the field expects. */
  expected?: string;
  /** What was found, described by kind ("a number", "a list"); never the raw value. */
  found?: string;
  /** How to fix it: "did you mean `name`?", "quote it: \"00441\"". */
  hint?: string;
}

/** Thrown by loaders; carries every diagnostic found in one file. */
export class InputError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'InputError';
    this.diagnostics = diagnostics;
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line !== undefined ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
  const field = d.path ? ` ${d.path}:` : '';
  let out = `${where}:${field} ${d.message}`;
  if (d.expected) out += `; expected ${d.expected}`;
  if (d.found) out += `, found ${d.found}`;
  if (d.hint) out += ` (${d.hint})`;
  return out;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate to `word`, if it is close enough to be a plausible typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(word.length, best.length) / 3));
  return bestDistance <= limit ? best : undefined;
}
