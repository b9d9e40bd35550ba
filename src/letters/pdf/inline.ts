/**
 * Inline Markdown (the tokens inside a paragraph, heading, list item or table cell) turned into
 * styled runs, and runs broken into lines of a given width.
 *
 * We break lines ourselves instead of letting pdfkit wrap, because the block layout needs to
 * know a block's height before drawing it (to keep a heading with what follows, to fit a table
 * row on a page, to size table columns) and because one line mixes faces (bold, italic, code).
 */
import type { Token, Tokens } from 'marked';
import type { FaceName } from './fonts.js';

export interface RunStyle {
  bold: boolean;
  italic: boolean;
  mono: boolean;
}

export interface Run {
  /** Plain text; "\n" only in a run of its own, meaning a hard line break. */
  text: string;
  style: RunStyle;
  link?: string;
}

export const PLAIN: RunStyle = { bold: false, italic: false, mono: false };

export function faceOf(style: RunStyle): FaceName {
  if (style.mono) return 'mono';
  if (style.bold && style.italic) return 'boldItalic';
  if (style.bold) return 'bold';
  if (style.italic) return 'italic';
  return 'regular';
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', reg: '®',
  trade: '™', ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“',
  rdquo: '”', sect: '§', para: '¶', deg: '°', middot: '·', bull: '•', times: '×', plusmn: '±',
};

/**
 * Markdown leaves character references (`&amp;`, `&#39;`) in text tokens for an HTML renderer
 * to pass through; on paper they must be the characters they stand for.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** Flattens inline tokens into runs. Soft line breaks become spaces; HTML tags are dropped. */
export function inlineRuns(tokens: Token[] | undefined, style: RunStyle = PLAIN, link?: string): Run[] {
  const runs: Run[] = [];
  const push = (text: string, s: RunStyle = style) => {
    if (text !== '') runs.push(link === undefined ? { text, style: s } : { text, style: s, link });
  };
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'text': {
        const t = token as Tokens.Text;
        if (t.tokens && t.tokens.length > 0) runs.push(...inlineRuns(t.tokens, style, link));
        else push(decodeEntities(t.text).replace(/\s*\n\s*/g, ' '));
        break;
      }
      case 'escape':
        push((token as Tokens.Escape).text);
        break;
      case 'strong':
        runs.push(...inlineRuns((token as Tokens.Strong).tokens, { ...style, bold: true }, link));
        break;
      case 'em':
        runs.push(...inlineRuns((token as Tokens.Em).tokens, { ...style, italic: true }, link));
        break;
      case 'del':
        runs.push(...inlineRuns((token as Tokens.Del).tokens, style, link));
        break;
      case 'codespan':
        // marked leaves code spans undecoded, as written; only the line ending is normalised.
        push((token as Tokens.Codespan).text.replace(/\n/g, ' '), { ...style, mono: true });
        break;
      case 'br':
        push('\n');
        break;
      case 'link': {
        const l = token as Tokens.Link;
        const inner = inlineRuns(l.tokens, style, l.href);
        runs.push(...inner);
        // On paper a link is only useful if the address can be read: print it after the text
        // unless the text already is the address.
        const shown = inner.map((r) => r.text).join('');
        const address = l.href.replace(/^mailto:/, '');
        if (shown !== address && shown !== l.href) push(` (${address})`);
        break;
      }
      case 'image':
        push(decodeEntities((token as Tokens.Image).text));
        break;
      case 'html': {
        if (/^<br\s*\/?>$/i.test((token as Tokens.HTML).text.trim())) push('\n');
        break;
      }
      default:
        if ('tokens' in token && Array.isArray(token.tokens)) runs.push(...inlineRuns(token.tokens, style, link));
        else if ('text' in token && typeof token.text === 'string') push(decodeEntities(token.text));
    }
  }
  return runs;
}

/** A piece of a line in one face, at a horizontal offset from the line start. */
export interface Fragment {
  text: string;
  style: RunStyle;
  link?: string;
  x: number;
  width: number;
}

export interface Line {
  fragments: Fragment[];
  width: number;
}

/** Measures the width of text in a face at the current size. */
export type Measure = (text: string, style: RunStyle) => number;

interface Piece {
  text: string;
  style: RunStyle;
  link?: string;
  width: number;
}

type Item = { kind: 'word'; pieces: Piece[]; width: number } | { kind: 'space'; piece: Piece } | { kind: 'break' };

function itemize(runs: Run[], measure: Measure): Item[] {
  const items: Item[] = [];
  let word: Piece[] = [];
  const endWord = () => {
    if (word.length > 0) items.push({ kind: 'word', pieces: word, width: word.reduce((w, p) => w + p.width, 0) });
    word = [];
  };
  for (const run of runs) {
    if (run.text === '\n') {
      endWord();
      items.push({ kind: 'break' });
      continue;
    }
    for (const part of run.text.split(/( +)/)) {
      if (part === '') continue;
      const piece: Piece = { text: part, style: run.style, width: measure(part, run.style) };
      if (run.link !== undefined) piece.link = run.link;
      if (part[0] === ' ') {
        endWord();
        items.push({ kind: 'space', piece: { ...piece, text: ' ', width: measure(' ', run.style) } });
      } else {
        word.push(piece);
      }
    }
  }
  endWord();
  return items;
}

/** Splits a word wider than a whole line (a long URL, a reference number) at characters. */
function splitWord(pieces: Piece[], width: number, measure: Measure): Piece[][] {
  const chunks: Piece[][] = [];
  let current: Piece[] = [];
  let used = 0;
  for (const piece of pieces) {
    let rest = piece.text;
    while (rest !== '') {
      let take = rest.length;
      while (take > 1 && used + measure(rest.slice(0, take), piece.style) > width) take--;
      if (used > 0 && used + measure(rest.slice(0, take), piece.style) > width) {
        chunks.push(current);
        current = [];
        used = 0;
        continue;
      }
      const text = rest.slice(0, take);
      const w = measure(text, piece.style);
      current.push({ ...piece, text, width: w });
      used += w;
      rest = rest.slice(take);
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Greedy line breaking of runs into lines no wider than `width`. */
export function breakLines(runs: Run[], width: number, measure: Measure): Line[] {
  const lines: Line[] = [];
  let pieces: Piece[] = [];
  let used = 0;
  let pendingSpace: Piece | null = null;
  const endLine = () => {
    lines.push(toLine(pieces));
    pieces = [];
    used = 0;
    pendingSpace = null;
  };
  for (const item of itemize(runs, measure)) {
    if (item.kind === 'break') {
      endLine();
    } else if (item.kind === 'space') {
      if (pieces.length > 0) pendingSpace = item.piece;
    } else {
      const space: Piece | null = pendingSpace;
      const spaceWidth = space ? space.width : 0;
      if (pieces.length > 0 && used + spaceWidth + item.width > width) endLine();
      else if (space) {
        pieces.push(space);
        used += spaceWidth;
      }
      pendingSpace = null;
      if (item.width > width) {
        const chunks = splitWord(item.pieces, width, measure);
        chunks.forEach((chunk, i) => {
          if (i > 0) endLine();
          pieces.push(...chunk);
          used += chunk.reduce((w, p) => w + p.width, 0);
        });
      } else {
        pieces.push(...item.pieces);
        used += item.width;
      }
    }
  }
  if (pieces.length > 0 || lines.length === 0) endLine();
  return lines;
}

/** Joins neighbouring pieces of the same face and link, so a line is drawn in few calls. */
function toLine(pieces: Piece[]): Line {
  const fragments: Fragment[] = [];
  let x = 0;
  for (const p of pieces) {
    const last = fragments[fragments.length - 1];
    if (last && faceOf(last.style) === faceOf(p.style) && last.link === p.link) {
      last.text += p.text;
      last.width += p.width;
    } else {
      const f: Fragment = { text: p.text, style: p.style, x, width: p.width };
      if (p.link !== undefined) f.link = p.link;
      fragments.push(f);
    }
    x += p.width;
  }
  return { fragments, width: x };
}

/** The widest single word: the narrowest a column can be without splitting words. */
export function widestWord(runs: Run[], measure: Measure): number {
  return itemize(runs, measure).reduce((max, item) => (item.kind === 'word' ? Math.max(max, item.width) : max), 0);
}

/** The width of the runs set on one line (hard breaks respected). */
export function naturalWidth(runs: Run[], measure: Measure): number {
  return breakLines(runs, Number.POSITIVE_INFINITY, measure).reduce((max, l) => Math.max(max, l.width), 0);
}
