// fontkit ships no type declarations; this is the little of its API the PDF layout uses.
declare module 'fontkit' {
  /** A parsed font. pdfkit accepts it directly as a font source (it checks for `layout`). */
  export interface Font {
    postscriptName: string;
    layout(text: string): unknown;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
