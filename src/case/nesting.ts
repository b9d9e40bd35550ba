/**
 * A guard against absurdly deep nesting, run before the YAML is composed.
 *
 * Why: `yaml` composes nodes recursively and relies on catching the stack overflow of a
 * deeply nested input (`[[[[…`). In Node 20 a second such overflow in the same process can
 * land inside V8's regular-expression compiler and abort the whole process, which would let
 * one hostile file kill a batch. So deep input must never reach the composer at all.
 *
 * The check walks the token stream of `yaml`'s own lexer (which is iterative, and knows
 * about quotes, comments and block scalars) and keeps an upper bound of the nesting depth:
 *  - every open `[` or `{` is one level;
 *  - every open block indentation column may hold at most two levels (a sequence can sit at
 *    the same column as the mapping key that owns it);
 *  - every `- ` or `? ` indicator on the current line may open two more (`- - - x`).
 * A real case file stays below 20; the limit is far above that and far below what overflows.
 */
import { CST, Lexer } from 'yaml';

export const MAX_NESTING = 100;

/** The offset at which the nesting bound first exceeds `limit`, or undefined if it never does. */
export function excessiveNestingAt(text: string, limit = MAX_NESTING): number | undefined {
  // Lexing costs as much as parsing; an ordinary file is proved shallow by a plain scan.
  if (nestingUpperBound(text) <= limit) return undefined;
  const indents: number[] = []; // block indentation columns currently open, increasing
  let flow = 0; // open [ and { brackets
  let compact = 0; // `-` and `?` indicators seen on this line
  let lineStart = true;
  let indent = 0;
  let scalarNext = false;
  let offset = 0;

  for (const token of new Lexer().lex(text)) {
    let type = CST.tokenType(token);
    // The lexer adds zero-width control tokens that are not part of the source.
    if (type === 'doc-mode' || type === 'flow-error-end') continue;
    if (type === 'scalar') {
      scalarNext = true; // the next token is the scalar's text (possibly ''), whatever it looks like
      continue;
    }
    if (scalarNext) {
      scalarNext = false;
      type = null;
    }
    const start = offset;
    offset += token.length;
    // A newline token, or a block scalar's text (which ends with its newline), ends the line.
    if (type === 'newline' || (type === null && token.endsWith('\n'))) {
      lineStart = true;
      indent = 0;
      compact = 0;
      continue;
    }
    if (type === 'space') {
      if (lineStart) indent += token.length;
      continue;
    }
    if (type === 'comment') continue;
    if (lineStart) openLine();
    if (type === 'flow-seq-start' || type === 'flow-map-start') flow++;
    else if (type === 'flow-seq-end' || type === 'flow-map-end') flow = Math.max(0, flow - 1);
    else if ((type === 'seq-item-ind' || type === 'explicit-key-ind') && flow === 0) compact++;
    if (2 * (indents.length + compact) + flow > limit) return start;
  }
  return undefined;

  /** The first content of a line: close the block levels it is not indented under. */
  function openLine(): void {
    lineStart = false;
    if (flow > 0) return; // inside brackets, indentation means nothing
    while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
    indents.push(indent);
  }
}

/**
 * A cheap bound on what the lexer walk below can reach: block levels per line are at most
 * the leading spaces plus one, compact indicators at most the `-` and `?` characters on
 * the line, flow levels at most every `[` and `{` in the file. Quotes and comments only
 * make it looser, never smaller, so a bound within the limit needs no lexing.
 */
function nestingUpperBound(text: string): number {
  let brackets = 0;
  let worstLine = 0;
  let leading = 0;
  let indicators = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      worstLine = Math.max(worstLine, 2 * (leading + 1 + indicators));
      leading = 0;
      indicators = 0;
      atLineStart = true;
      continue;
    }
    if (atLineStart && (c === 32 || c === 9)) {
      leading++;
      continue;
    }
    atLineStart = false;
    if (c === 91 || c === 123) brackets++; // [ {
    else if (c === 45 || c === 63) indicators++; // - ?
  }
  worstLine = Math.max(worstLine, 2 * (leading + 1 + indicators));
  return worstLine + brackets;
}
