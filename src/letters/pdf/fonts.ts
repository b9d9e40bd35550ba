/**
 * The fonts shipped in `fonts/` (Liberation Serif and Liberation Mono, SIL OFL 1.1: see
 * fonts/README.md) and the per-process cache that keeps a batch from re-reading and re-parsing
 * them for every letter.
 *
 * What is cached, and why it is safe to share between documents:
 * - the font file bytes (read once);
 * - the parsed fontkit font (tables, glyph outlines and metrics decoded on demand and kept by
 *   fontkit itself). pdfkit takes such an object as a font source as is, and keeps all
 *   per-document state (the glyph subset, widths, the ToUnicode map) in its own EmbeddedFont,
 *   so one parsed font serves any number of documents;
 * - each glyph's decoded outline. When pdfkit embeds a font it asks fontkit for a subset, and
 *   the subset decodes every glyph it copies (only to learn whether it is composite). fontkit
 *   keeps one glyph object per glyph id but decodes it again each time; we keep the first
 *   decoding on the glyph object, so each glyph is decoded once per process, not per letter.
 *   The decoded structure is only read by the subsetter, and the fonts are not variable fonts
 *   (whose outlines depend on settings), which is what makes sharing it sound;
 * - the word layouts pdfkit computes (`EmbeddedFont.layoutCache`, keyed by the word). pdfkit
 *   builds one such cache per document; we hand every document the same cache per face, so a
 *   word shaped for one letter is not shaped again for the next. Layouts are never mutated after
 *   pdfkit scales them, which is what makes sharing them sound.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';

/** The directory of the fonts shipped with the package. */
export const SHIPPED_FONT_DIR = fileURLToPath(new URL('../../../fonts/', import.meta.url));

export type FaceName = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'mono';

export const FACE_FILES: Record<FaceName, string> = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
  mono: 'LiberationMono-Regular.ttf',
};

export interface LoadedFace {
  font: fontkit.Font;
  /** Word layouts shared by every document that uses this face (see above). */
  layoutCache: Record<string, unknown>;
  /** Widths of text pieces at a type size of 1 pt, as the line breaker measured them. */
  widths: Map<string, number>;
}

const faces = new Map<string, LoadedFace>();

/** The little of fontkit's glyph internals the decode cache touches. */
interface GlyphInternals {
  _decode?: () => unknown;
  _decodeShared?: true;
}

interface FontInternals {
  getGlyph(id: number, codePoints?: number[]): GlyphInternals | null;
  _variationProcessor?: unknown;
}

/** Makes every glyph of `font` keep its first decoding (see the module comment). */
function shareGlyphDecoding(font: fontkit.Font): void {
  const internals = font as unknown as FontInternals;
  if (internals._variationProcessor || typeof internals.getGlyph !== 'function') return;
  const getGlyph = internals.getGlyph.bind(font);
  internals.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints);
    const decode = glyph?._decode;
    if (glyph && decode && !glyph._decodeShared) {
      let decoded: { value: unknown } | undefined;
      glyph._decode = () => (decoded ??= { value: decode.call(glyph) }).value;
      glyph._decodeShared = true;
    }
    return glyph;
  };
}

/**
 * Whether glyph decodings, word layouts and widths are shared across documents (see above).
 * A knob for measuring what the sharing buys (bench/pdf-throughput.mjs) and for proving it
 * changes no output byte (test/pdf.test.ts); never turned off in production.
 */
export const fontCaching = { shareAcrossDocuments: true };

/** Drops every cached font, as if the process had just started (for measurements and tests). */
export function forgetFonts(): void {
  faces.clear();
}

/** The parsed face, read and parsed at most once per process for a given directory. */
export function loadFace(face: FaceName, fontDir: string = SHIPPED_FONT_DIR): LoadedFace {
  const path = join(fontDir, FACE_FILES[face]);
  let loaded = faces.get(path);
  if (!loaded) {
    const font = fontkit.create(readFileSync(path));
    if (fontCaching.shareAcrossDocuments) shareGlyphDecoding(font);
    loaded = { font, layoutCache: Object.create(null) as Record<string, unknown>, widths: new Map() };
    faces.set(path, loaded);
  }
  return loaded;
}

/** Structural view of the pdfkit internals we touch; checked at run time, never assumed. */
interface PdfkitDocWithFont {
  _font?: { font?: unknown; layoutCache?: unknown };
}

export type FaceSet = Record<FaceName, LoadedFace>;

/**
 * Registers every face with the document under its FaceName (nothing is embedded until used)
 * and returns the loaded faces, resolved once per document.
 */
export function registerFaces(doc: PDFKit.PDFDocument, fontDir?: string): FaceSet {
  const set = {} as FaceSet;
  for (const face of Object.keys(FACE_FILES) as FaceName[]) {
    set[face] = loadFace(face, fontDir);
    doc.registerFont(face, set[face].font as unknown as string);
  }
  return set;
}

/**
 * Selects a face and, the first time a document uses it, points pdfkit's per-document layout
 * cache at the shared one. If a future pdfkit drops `layoutCache`, the sharing silently stops
 * (output is unchanged, only slower).
 */
export function selectFace(doc: PDFKit.PDFDocument, face: FaceName, loaded: LoadedFace): void {
  doc.font(face);
  const embedded = (doc as unknown as PdfkitDocWithFont)._font;
  if (fontCaching.shareAcrossDocuments && embedded && embedded.font === loaded.font && embedded.layoutCache && embedded.layoutCache !== loaded.layoutCache) {
    embedded.layoutCache = loaded.layoutCache;
  }
}
