/**
 * Markdown escaping for values taken from a case (names, notes, addresses, rule text).
 *
 * Letters are Markdown, so a value must read exactly as written (no HTML entities:
 * `O'Brien & Sons <Group>` stays so) and must never add structure: no heading, list,
 * quote, table cell, emphasis, code span, link or raw HTML can come out of a value.
 * Escaping is minimal so the .md file stays readable: only characters that could act as
 * Markdown are backslash-escaped, and line-start markers only at the start of the value.
 */

/** Inline characters that act as Markdown wherever they stand. */
const INLINE = /[\\`*_[\]<|~]/g;

/**
 * One value inside a line: whitespace runs (newlines and tabs included) become one space,
 * so a value can never start a new block.
 */
/** Anything escapeInline would change; most values have none of it and are returned as they are. */
const NEEDS_WORK = /[\\`*_[\]<|~&\u0000-\u001f\u007f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|:\/\/|www\.|\s\s|^[\s#>+=\d-]|\s$/i;

export function escapeInline(value: unknown): string {
  const input = String(value ?? '');
  if (!NEEDS_WORK.test(input)) return input;
  let text = input
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  text = text.replace(INLINE, (c) => `\\${c}`);
  // An entity reference such as &amp; or &#60; would turn into another character.
  text = text.replace(/&(?=#?[0-9A-Za-z]+;)/g, '\\&');
  // GFM turns bare URLs into links; a value is text, so it stays text.
  text = text.replace(/:\/\//g, '\\://').replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\\.`);
  // Markers that only act at the start of a line: heading, quote, list, setext underline.
  text = text.replace(/^([#>+=-])/, '\\$1').replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
  return text;
}

/**
 * A multi-line value (an address): each line escaped, joined by hard line breaks so the
 * lines stay lines without becoming separate paragraphs.
 */
export function escapeLines(value: unknown): string {
  return String(value ?? '')
    .split(/\r\n|\r|\n/)
    .map(escapeInline)
    .filter(Boolean)
    .join('\\\n');
}
