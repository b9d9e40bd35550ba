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
}

const faces = new Map<string, LoadedFace>();

/** The parsed face, read and parsed at most once per process for a given directory. */
export function loadFace(face: FaceName, fontDir: string = SHIPPED_FONT_DIR): LoadedFace {
  const path = join(fontDir, FACE_FILES[face]);
  let loaded = faces.get(path);
  if (!loaded) {
    loaded = { font: fontkit.create(readFileSync(path)), layoutCache: Object.create(null) as Record<string, unknown> };
    faces.set(path, loaded);
  }
  return loaded;
}

/** Structural view of the pdfkit internals we touch; checked at run time, never assumed. */
interface PdfkitDocWithFont {
  _font?: { font?: unknown; layoutCache?: unknown };
}

/** Registers every face with the document under its FaceName (nothing is embedded until used). */
export function registerFaces(doc: PDFKit.PDFDocument, fontDir?: string): void {
  for (const face of Object.keys(FACE_FILES) as FaceName[]) {
    doc.registerFont(face, loadFace(face, fontDir).font as unknown as string);
  }
}

/**
 * Selects a face and, the first time a document uses it, points pdfkit's per-document layout
 * cache at the shared one. If a future pdfkit drops `layoutCache`, the sharing silently stops
 * (output is unchanged, only slower).
 */
export function selectFace(doc: PDFKit.PDFDocument, face: FaceName, fontDir?: string): void {
  doc.font(face);
  const embedded = (doc as unknown as PdfkitDocWithFont)._font;
  const loaded = loadFace(face, fontDir);
  if (embedded && embedded.font === loaded.font && embedded.layoutCache && embedded.layoutCache !== loaded.layoutCache) {
    embedded.layoutCache = loaded.layoutCache;
  }
}
