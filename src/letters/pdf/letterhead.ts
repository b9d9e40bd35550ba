/**
 * The letterhead on the first page: the practice's logo (PNG or JPEG), its name and, in smaller
 * type, the address and the ways to reach it, over a thin rule.
 */
import { InputError } from '../../diagnostic.js';
import type { Letterhead } from '../types.js';
import { breakLines, PLAIN, type Run } from './inline.js';
import { COLOR, type Flow } from './page.js';

const LOGO_SIZE = 54;
const NAME_SIZE = 15;
const DETAIL_SIZE = 9;

function detailLines(letterhead: Letterhead): string[] {
  const lines: string[] = [];
  const address = (letterhead.address ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (address.length > 0) lines.push(address.join(', '));
  const contact = [
    letterhead.phone && `Phone ${letterhead.phone}`,
    letterhead.fax && `Fax ${letterhead.fax}`,
    letterhead.email,
  ].filter((c): c is string => !!c);
  if (contact.length > 0) lines.push(contact.join(' \u00a0·\u00a0 '));
  return lines;
}

export function drawLetterhead(flow: Flow, letterhead: Letterhead): void {
  const doc = flow.doc;
  const top = flow.y;
  let textLeft = flow.left;
  if (letterhead.logo) {
    try {
      doc.image(letterhead.logo, flow.left, top, { fit: [LOGO_SIZE, LOGO_SIZE] });
    } catch {
      throw new InputError([
        {
          code: 'letterhead-logo',
          file: letterhead.logo,
          message: 'the letterhead logo cannot be read as an image',
          expected: 'a PNG or JPEG file',
          hint: 'check the path in the letterhead settings, or leave the logo out',
        },
      ]);
    }
    textLeft += LOGO_SIZE + 14;
  }
  const width = flow.left + flow.width - textLeft;
  let y = top;
  const block = (runs: Run[], size: number, color: string) => {
    for (const line of breakLines(runs, width, flow.measurer(size))) {
      flow.drawLine(line, textLeft, y, size, color);
      y += flow.lineHeight(size);
    }
  };
  block([{ text: letterhead.name, style: { ...PLAIN, bold: true } }], NAME_SIZE, COLOR.heading);
  y += 1;
  for (const line of detailLines(letterhead)) block([{ text: line, style: PLAIN }], DETAIL_SIZE, COLOR.muted);
  const bottom = Math.max(y, letterhead.logo ? top + LOGO_SIZE : y) + 8;
  doc.save().moveTo(flow.left, bottom).lineTo(flow.left + flow.width, bottom).lineWidth(0.8).strokeColor(COLOR.rule).stroke().restore();
  flow.y = bottom + 22;
}
