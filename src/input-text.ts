/**
 * Turning an input file's bytes into text, for every loader (case files, rule sets):
 * oversized, binary and non-UTF-8 input is refused with a located diagnostic; a BOM is
 * dropped (editors on Windows add one). CRLF line ends need nothing: YAML reads them.
 */
import { InputError } from './diagnostic.js';

export interface TextPosition {
  line?: number;
  column?: number;
}

export function decodeInput(input: string | Uint8Array, file: string, maxBytes: number, what: string): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes) {
    throw new InputError([
      {
        code: 'file-too-large',
        file,
        message: `the file is too large to be a ${what}`,
        expected: `at most ${maxBytes} bytes (${Math.round(maxBytes / 1024)} KiB)`,
        found: `${size} bytes`,
        hint: what === 'case file'
          ? 'a case file is a few kilobytes; keep documents in separate files and list them under `documents:`'
          : `a ${what} is a few kilobytes; split it into several files`,
      },
    ]);
  }
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      // fatal: invalid UTF-8 is an error, not silently replaced; the decoder strips a BOM.
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      const approx = new TextDecoder('utf-8').decode(input);
      throw notText(file, textPosition(approx, approx.indexOf('\uFFFD')), 'bytes that are not valid UTF-8 text');
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nul = text.indexOf('\0');
  if (nul >= 0) throw notText(file, textPosition(text, nul), 'binary data (NUL bytes)');
  return text;
}

function notText(file: string, at: TextPosition, found: string): InputError {
  return new InputError([
    {
      code: 'not-text',
      file,
      ...at,
      message: 'the file is not a text file',
      expected: 'YAML text encoded as UTF-8',
      found,
      hint: 'save the file as plain UTF-8 text (a PDF or Word file cannot be read here)',
    },
  ]);
}

/** 1-based line and column of a string offset (before a LineCounter exists). */
export function textPosition(text: string, offset: number): TextPosition {
  if (offset < 0) return {};
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
