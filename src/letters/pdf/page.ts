/**
 * The page: US Letter with one-inch margins, the type sizes and colours of the letter, and the
 * drawing primitives the block layout uses (a flow cursor that starts a new page when a block
 * does not fit, text lines in mixed faces).
 */
import { fontCaching, selectFace, type FaceName, type FaceSet } from './fonts.js';
import { faceOf, type Line, type Measure, type RunStyle } from './inline.js';

export const PAGE = { width: 612, height: 792, margin: 72 } as const;

export const TYPE = {
  body: 11,
  /** Line height as a multiple of the type size. */
  leading: 1.32,
  small: 9,
  table: 10,
  code: 9.5,
  paragraphGap: 8,
  headings: [
    { size: 15, before: 16, after: 8 },
    { size: 12.5, before: 14, after: 5 },
    { size: 11.5, before: 11, after: 4 },
    { size: 11, before: 9, after: 3 },
  ],
} as const;

export const COLOR = {
  text: '#1a1a1a',
  heading: '#000000',
  muted: '#555555',
  rule: '#9a9a9a',
  faint: '#d0d0d0',
  tableHeader: '#ececec',
  codeBackground: '#f3f3f3',
  link: '#1a1a1a',
} as const;

/** Code is set a little smaller than the text around it: a monospace face looks larger. */
const MONO_SCALE = 0.9;

function sizeOf(style: RunStyle, size: number): number {
  return style.mono ? size * MONO_SCALE : size;
}

export class Flow {
  readonly doc: PDFKit.PDFDocument;
  private readonly faces: FaceSet;
  /** Top of the next block. */
  y: number = PAGE.margin;
  /** Called after a new page is started (tables repeat their header, quotes continue a bar). */
  private readonly pageListeners: Array<(from: number) => void> = [];

  constructor(doc: PDFKit.PDFDocument, faces: FaceSet) {
    this.doc = doc;
    this.faces = faces;
  }

  get left(): number {
    return PAGE.margin;
  }
  get width(): number {
    return PAGE.width - 2 * PAGE.margin;
  }
  get top(): number {
    return PAGE.margin;
  }
  get bottom(): number {
    return PAGE.height - PAGE.margin;
  }
  get atTop(): boolean {
    return this.y <= this.top + 0.01;
  }

  /** Room left on this page below the cursor. */
  get room(): number {
    return this.bottom - this.y;
  }

  /** Starts a new page unless `height` still fits below the cursor (or we are at a page top). */
  ensure(height: number): void {
    if (height > this.room && !this.atTop) this.newPage();
  }

  newPage(): void {
    const before = this.y;
    this.doc.addPage();
    this.y = this.top;
    for (const listener of [...this.pageListeners]) listener(before);
  }

  /** Runs `body` with a listener for page breaks inside it. */
  withPageListener<T>(listener: (from: number) => void, body: () => T): T {
    this.pageListeners.push(listener);
    try {
      return body();
    } finally {
      this.pageListeners.splice(this.pageListeners.indexOf(listener), 1);
    }
  }

  face(face: FaceName, size: number): void {
    selectFace(this.doc, face, this.faces[face]);
    this.doc.fontSize(size);
  }

  measurer(size: number): Measure {
    return (text: string, style: RunStyle) => {
      const face = faceOf(style);
      const scaled = sizeOf(style, size);
      // Widths scale with the size, so one measurement per piece of text serves every size
      // and every letter in the process.
      const widths = this.faces[face].widths;
      let unit = fontCaching.shareAcrossDocuments ? widths.get(text) : undefined;
      if (unit === undefined) {
        // Measured at 1 pt, so the cached value never depends on which size came first.
        this.face(face, 1);
        unit = this.doc.widthOfString(text);
        if (fontCaching.shareAcrossDocuments) widths.set(text, unit);
      }
      return unit * scaled;
    };
  }

  /** Draws one broken line with its top at (x, y); `align` places it inside `width`. */
  drawLine(line: Line, x: number, y: number, size: number, color: string, width = 0, align: 'left' | 'center' | 'right' = 'left'): void {
    const shift = align === 'right' ? width - line.width : align === 'center' ? (width - line.width) / 2 : 0;
    this.doc.fillColor(color);
    for (const f of line.fragments) {
      this.face(faceOf(f.style), sizeOf(f.style, size));
      // Fragments are positioned by our own measurement; pdfkit must not wrap or move them.
      const options: PDFKit.Mixins.TextOptions = { lineBreak: false };
      if (f.link !== undefined) options.link = f.link;
      // Mono is set smaller; lower it so it shares the baseline of the text around it.
      const dy = f.style.mono ? size * (1 - MONO_SCALE) * 0.9 : 0;
      this.doc.text(f.text, x + shift + f.x, y + dy, options);
    }
  }

  lineHeight(size: number): number {
    return size * TYPE.leading;
  }
}
