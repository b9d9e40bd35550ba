/**
 * Regular expressions written in rule files (e.g. `document: { result: "cleared|no contra" }`)
 * are data from users' own rule directories, run against case text. A pattern such as
 * `(a+)+$` backtracks exponentially and would hang a batch on one case, so a pattern is
 * accepted only when it is
 *  - at most MAX_PATTERN_LENGTH characters,
 *  - a valid JavaScript regular expression,
 *  - free of back-references (`\1`, `\k<name>`), and
 *  - free of nested quantifiers: no repeated group (`(…)*`, `(…)+`, `(…){2,}`) that itself
 *    contains a quantifier.
 * This is a conservative heuristic, not a proof: it refuses the classic catastrophic shapes
 * and keeps the patterns rule authors need (alternatives, classes, single quantifiers).
 */
import { z } from 'zod';

export const MAX_PATTERN_LENGTH = 300;

/** Why `pattern` is refused, or undefined when it is safe to run. */
export function unsafePattern(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, 'i');
  } catch {
    return 'not a valid regular expression';
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'uses a back-reference';
  return nestedQuantifier(pattern) ? 'repeats a group that itself contains a repetition (like (a+)+), which can take exponential time' : undefined;
}

/** Length of a repeating quantifier at `i` (`*`, `+`, `{n,}`, `{n,m}` with m > 1), else 0. */
function repeatAt(p: string, i: number): number {
  const c = p[i];
  if (c === '*' || c === '+') return 1;
  if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
    if (m && m[2] !== undefined && (m[3] === '' || Number(m[3]) > 1)) return m[0].length;
    if (m && m[2] === undefined && Number(m[1]) > 1) return m[0].length;
  }
  return 0;
}

function nestedQuantifier(p: string): boolean {
  // For each open group: whether a quantifier occurs inside it.
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') groups.push(false);
    else if (c === ')') {
      const inner = groups.pop() ?? false;
      const q = repeatAt(p, i + 1);
      if (q > 0 && inner) return true;
      if (groups.length > 0 && (inner || q > 0)) groups[groups.length - 1] = true;
    } else if (repeatAt(p, i) > 0 && groups.length > 0) {
      groups[groups.length - 1] = true;
    }
  }
  return false;
}

/** A rule-file parameter holding a regular expression; refused with code `unsafe-pattern`. */
export const safePattern = z.string().superRefine((pattern, ctx) => {
  const why = unsafePattern(pattern);
  if (why) ctx.addIssue({ code: 'custom', message: `the pattern is refused: it is ${why}`, params: { code: 'unsafe-pattern' } });
});
