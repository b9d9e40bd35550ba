import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { letterToPdf } from '../src/letters/pdf.js';
import { fontCaching, forgetFonts, loadFace } from '../src/letters/pdf/fonts.js';
import { InputError } from '../src/diagnostic.js';
import { makeLetter, readPdf, SAMPLE_CHART } from './helpers/pdf.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'letters');
const APPEAL = readFileSync(join(FIXTURES, 'appeal-idds.md'), 'utf8');
const LETTERHEAD = {
  name: 'Springfield Pain Institute',
  address: 'Suite 200\n1200 Main Street\nSpringfield, IL 62701',
  phone: '(217) 555-0100',
  fax: '(217) 555-0101',
  email: 'appeals@springfieldpain.example',
  logo: join(FIXTURES, 'logo.png'),
};

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('letterToPdf: the appeal fixture', async () => {
  const bytes = await letterToPdf(makeLetter(APPEAL, { letterhead: LETTERHEAD }));
  const pdf = await readPdf(bytes);
  const all = pdf.pages.flat();
  const text = all.join('\n');

  it('is a US Letter PDF with every page numbered "Page N of M"', () => {
    expect(latin1(bytes).startsWith('%PDF-')).toBe(true);
    expect(latin1(bytes)).toContain('/MediaBox [0 0 612 792]');
    const count = pdf.pages.length;
    expect(count).toBeGreaterThanOrEqual(3);
    pdf.pages.forEach((lines, i) => expect(lines[lines.length - 1]).toBe(`Page ${i + 1} of ${count}`));
  });

  it('keeps all text inside the one-inch margins, the page number below the text', () => {
    for (const page of pdf.pieces) {
      for (const p of page) {
        expect(p.x).toBeGreaterThanOrEqual(72 - 0.01);
        expect(p.x + p.width).toBeLessThanOrEqual(540 + 0.01);
        if (p.str.startsWith('Page ')) expect(p.y).toBeLessThan(72);
        else expect(p.y).toBeGreaterThan(72);
        expect(p.y).toBeLessThan(720);
      }
    }
  });

  it('prints the letterhead first on page 1', () => {
    expect(pdf.pages[0]![0]).toBe('Springfield Pain Institute');
    expect(pdf.pages[0]![1]).toBe('Suite 200, 1200 Main Street, Springfield, IL 62701');
    expect(pdf.pages[0]![2]).toContain('Phone (217) 555-0100');
    expect(latin1(bytes)).toMatch(/\/Subtype \/Image/);
  });

  it('prints Unicode names exactly', () => {
    for (const name of ['Zoë Łukasik-Nguyễn', 'Dr. Søren Müller']) expect(text).toContain(name);
  });

  it('prints escaped Markdown characters as the plain characters', () => {
    expect(all).toContain("Group O'Brien & Sons <Group>");
    expect(text).not.toContain('\\<');
  });

  it('prints headings, list items, inline code and link addresses', () => {
    expect(all).toContain('1. "Conservative treatment has not been exhausted"');
    expect(all).toContain('Exhibit A: Treatment history');
    expect(text).toContain('• Oral opioid therapy from January 2023');
    expect(text).toContain('1. Lumbar epidural steroid injections');
    expect(text).toContain('29 CFR 2560.503-1(h)(2)(iii)');
    expect(text).toContain('appeals guidance (https://www.dol.gov/agencies/ebsa)');
  });

  it('lays the history table out in aligned columns with its header row', () => {
    const header = all.find((l) => l.startsWith('Date(s)'));
    expect(header).toBe('Date(s) Treatment Dose or detail Outcome');
    expect(all.some((l) => /^2024-05-02 ?Lumbar ESI, L4-L5 ?interlaminar, 80 mg ?Under 30% relief/.test(l))).toBe(true);
    // Every cell of a column starts at the same x as the column's header.
    const page = pdf.pieces[pdf.pages.findIndex((p) => p.includes('Exhibit A: Treatment history'))]!;
    const x = (str: string) => page.find((p) => p.str.startsWith(str))!.x;
    expect(x('Oxycodone ER / IR')).toBeCloseTo(x('Treatment'), 3);
    expect(x('transforaminal')).toBeCloseTo(x('Dose or detail'), 3);
    expect(x('Nausea; 10% relief')).toBeCloseTo(x('Outcome'), 3);
    expect(x('Treatment')).toBeGreaterThan(x('Date(s)') + 60);
  });

  it('ignores HTML comments other than the markers', () => {
    expect(text).not.toContain('<!--');
    expect(text).not.toContain('page-break');
  });

  it('starts a new page at the page-break marker', () => {
    const exhibitPage = pdf.pages.findIndex((p) => p.includes('Exhibit A: Treatment history'));
    expect(pdf.pages[exhibitPage]![0]).toBe('Exhibit A: Treatment history');
    expect(pdf.pages[exhibitPage - 1]).toContain('Zoë Łukasik-Nguyễn');
  });

  it('draws the pain-score chart where the marker is', () => {
    const chartPage = pdf.pages.findIndex((p) => p.some((l) => l.startsWith('Pain scores over time (0 = no pain')));
    expect(chartPage).toBeGreaterThan(0);
    const page = pdf.pages[chartPage]!;
    expect(page.indexOf('Exhibit B: Pain scores over time')).toBeLessThan(page.findIndex((l) => l.startsWith('Pain scores over time (0')));
    expect(page.join('\n')).toContain('Sep 12, 2026');
    expect(page.join('\n')).toContain('Intrathecal trial (6 h after)');
  });

  it('embeds the shipped font as subsets (regular, bold, italic, mono), no standard fonts', () => {
    const raw = latin1(bytes);
    expect(raw.match(/\/FontFile2/g)?.length).toBeGreaterThanOrEqual(4);
    for (const name of ['LiberationSerif', 'LiberationSerif-Bold', 'LiberationSerif-Italic', 'LiberationMono']) {
      expect(raw).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${name}\\b`));
    }
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('carries the metadata, dated by the letter, not the clock', () => {
    expect(pdf.info).toMatchObject({
      Title: 'Appeal of denial PA-2026-77812',
      Author: 'Zoë Łukasik-Nguyễn',
      Subject: 'Intrathecal drug delivery system',
      Creator: 'appeal',
      CreationDate: 'D:20261123000000Z',
      ModDate: 'D:20261123000000Z',
    });
  });
});

describe('letterToPdf: a physician\'s letter of medical necessity', async () => {
  const markdown = readFileSync(join(FIXTURES, 'medical-necessity-esi.md'), 'utf8');
  const pdf = await readPdf(await letterToPdf(makeLetter(markdown, { letterhead: LETTERHEAD, author: 'Dr. Øyvind Kowalczyk-Smith, MD' })));
  const text = pdf.pages.flat().join('\n');

  it('fits on two pages with the title, the nested list and the quote', () => {
    expect(pdf.pages.map((p) => p[p.length - 1])).toEqual(['Page 1 of 2', 'Page 2 of 2']);
    expect(text).toContain('Letter of Medical Necessity');
    expect(text).toContain('Patient: Nguyễn Văn An · Date of birth: 1962-04-17');
    expect(text).toContain('◦ 12 sessions between July and September 2026;');
    expect(text).toContain('An epidural steroid injection is a reasonable treatment');
    expect(text).toContain('Dr. Øyvind Kowalczyk-Smith, MD');
  });

  it('right-aligns the cells of right-aligned columns', () => {
    const page = pdf.pieces[0]!;
    const right = (str: string) => {
      const piece = page.find((p) => p.str.trim() === str)!;
      return piece.x + piece.width;
    };
    expect(right('52%')).toBeCloseTo(right('Before (May 28)'), 1);
    expect(right('5 minutes')).toBeCloseTo(right('Before (May 28)'), 1);
    expect(right('−28 points')).toBeCloseTo(right('Change'), 1);
  });
});

describe('letterToPdf: determinism', () => {
  it('gives byte-identical PDFs for the same letter, and a different ID for a different one', async () => {
    const a = await letterToPdf(makeLetter(APPEAL, { letterhead: LETTERHEAD }));
    const b = await letterToPdf(makeLetter(APPEAL, { letterhead: LETTERHEAD }));
    expect(sha(a)).toBe(sha(b));
    const c = await letterToPdf(makeLetter(APPEAL.replace('November 23', 'November 24'), { letterhead: LETTERHEAD }));
    const id = (bytes: Uint8Array) => /\/ID \[<([0-9a-f]+)>/.exec(latin1(bytes))?.[1];
    expect(id(a)).toMatch(/^[0-9a-f]{32}$/);
    expect(id(c)).not.toBe(id(a));
  });

  it('gives the same bytes in another process (the built module)', async () => {
    const here = await letterToPdf(makeLetter(APPEAL));
    const script = `
      import { letterToPdf } from './dist/letters/pdf.js';
      import { createHash } from 'node:crypto';
      const letter = JSON.parse(process.argv[1]);
      const bytes = await letterToPdf(letter);
      process.stdout.write(createHash('sha256').update(bytes).digest('hex'));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(makeLetter(APPEAL))], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, TZ: 'Pacific/Kiritimati' },
      encoding: 'utf8',
    });
    expect(out).toBe(sha(here));
  });
});

describe('letterToPdf: layout edge cases', () => {
  it('renders an empty letter as one numbered page', async () => {
    const pdf = await readPdf(await letterToPdf(makeLetter('', { chart: [] })));
    expect(pdf.pages).toEqual([['Page 1 of 1']]);
  });

  it('skips the chart with fewer than two points, leaving no trace of the marker', async () => {
    const md = 'Before.\n\n<!-- chart: pain-scores -->\n\nAfter.';
    const withChart = await readPdf(await letterToPdf(makeLetter(md)));
    const onePoint = await readPdf(await letterToPdf(makeLetter(md, { chart: SAMPLE_CHART.slice(0, 1) })));
    expect(onePoint.pages).toEqual([['Before.', 'After.', 'Page 1 of 1']]);
    expect(withChart.pages[0]!.join('\n')).toContain('Pain scores over time');
    // The chart is vector graphics: many more paths than the bare page.
    expect(withChart.paths[0]! - onePoint.paths[0]!).toBeGreaterThan(10);
  });

  it('continues a very long table over pages, repeating the header, never splitting a row', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `| 2026-01-${String((i % 28) + 1).padStart(2, '0')} | Visit ${i + 1} | NRS ${i % 11} of 10, noted in the office record with the plan of care for the next visit and the call about medication |`);
    const md = ['# Visits', '', '| Date | Visit | Note |', '|---|---|---|', ...rows].join('\n');
    const pdf = await readPdf(await letterToPdf(makeLetter(md)));
    expect(pdf.pages.length).toBeGreaterThan(3);
    for (const page of pdf.pages) expect(page[page[0] === 'Visits' ? 1 : 0]).toBe('Date Visit Note');
    const visits = pdf.pages.flat().filter((l) => /Visit \d+ NRS/.test(l)).map((l) => /Visit (\d+)/.exec(l)![1]);
    expect(visits).toEqual(rows.map((_, i) => String(i + 1)));
    // Each row's wrapped second line is on the same page as its first line.
    for (const page of pdf.pages) {
      const firsts = page.filter((l) => /Visit \d+ NRS/.test(l)).length;
      const seconds = page.filter((l) => l.endsWith('about medication')).length;
      expect(firsts).toBeGreaterThan(0);
      expect(seconds).toBe(firsts);
    }
  });

  it('continues a table row taller than a page on the next page, inside the margins', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `Sentence ${i + 1} of the note.`).join(' ');
    const md = `| Date | Note |\n|---|---|\n| 2026-01-02 | ${long} |\n| 2026-01-03 | Short note. |`;
    const pdf = await readPdf(await letterToPdf(makeLetter(md)));
    expect(pdf.pages.length).toBe(3);
    for (const page of pdf.pages) expect(page[0]).toBe('Date Note');
    const text = pdf.pages.flat().join(' ');
    expect(text).toContain('Sentence 1 of the note.');
    expect(text).toContain('Sentence 400 of the note.');
    expect(pdf.pages[2]!.join(' ')).toContain('2026-01-03 Short note.');
    for (const page of pdf.pieces) for (const p of page) expect(p.y).toBeGreaterThan(p.str.startsWith('Page ') ? 0 : 72);
  });

  it('never leaves a heading as the last line of a page', async () => {
    const sections = Array.from({ length: 40 }, (_, i) => {
      const sentences = Array.from({ length: 1 + ((i * 7) % 9) }, () => 'The record documents this treatment, its dates and its outcome in detail.');
      return `## Heading ${i + 1}\n\n${sentences.join(' ')}`;
    });
    const pdf = await readPdf(await letterToPdf(makeLetter(sections.join('\n\n'))));
    expect(pdf.pages.length).toBeGreaterThan(3);
    for (const page of pdf.pages) expect(page[page.length - 2]).not.toMatch(/^Heading \d+$/);
  });

  it('decodes character references and keeps a long unbreakable word inside the margins', async () => {
    const url = `https://example.org/${'a'.repeat(200)}`;
    const pdf = await readPdf(await letterToPdf(makeLetter(`Smith &amp; Jones &#8212; &lt;ok&gt;\n\n<${url}>`)));
    expect(pdf.pages[0]![0]).toBe('Smith & Jones — <ok>');
    expect(pdf.pages[0]!.slice(1, -1).join('')).toBe(url);
    expect(pdf.pages[0]!.length).toBeGreaterThan(3);
  });

  it('sets fenced code in the monospace face, keeping long lines inside the margins', async () => {
    const code = `claim  PA-2026-77812\n  ${'x'.repeat(150)}`;
    const bytes = await letterToPdf(makeLetter(`Before.\n\n\`\`\`\n${code}\n\`\`\`\n\nAfter.`, { chart: [] }));
    const pdf = await readPdf(bytes);
    expect(pdf.pages[0]![1]).toBe('claim PA-2026-77812');
    expect(pdf.pages[0]!.slice(2, -2).join('').replace(/\s/g, '')).toBe('x'.repeat(150));
    expect(pdf.pieces[0]!.every((p) => p.x >= 72 - 0.01 && p.x + p.width <= 540 + 0.01)).toBe(true);
    expect(latin1(bytes)).toMatch(/\/BaseFont \/[A-Z]{6}\+LiberationMono\b/);
  });

  it('rejects a letterhead logo that is not an image with a located InputError', async () => {
    const letter = makeLetter('Text.', { letterhead: { name: 'Clinic', logo: join(FIXTURES, 'appeal-idds.md') } });
    await expect(letterToPdf(letter)).rejects.toBeInstanceOf(InputError);
    await expect(letterToPdf(letter)).rejects.toMatchObject({ diagnostics: [{ code: 'letterhead-logo' }] });
  });

  it('rejects a letter date that is not YYYY-MM-DD', async () => {
    await expect(letterToPdf(makeLetter('Text.', { date: '23/11/2026' }))).rejects.toThrow(/YYYY-MM-DD/);
  });
});

describe('font cache', () => {
  it('parses each font file once per process and shares it across documents', async () => {
    const before = loadFace('regular');
    await letterToPdf(makeLetter('One.'));
    await letterToPdf(makeLetter('Two.'));
    expect(loadFace('regular')).toBe(before);
    expect(Object.keys(before.layoutCache)).toContain('Two.');
  });

  it('changes no byte of the output: cached and uncached renders are identical', async () => {
    const letter = makeLetter(APPEAL, { letterhead: LETTERHEAD });
    await letterToPdf(makeLetter('Warm the caches with other words first: Łódź, Ærøskøbing.'));
    const cached = await letterToPdf(letter);
    forgetFonts();
    fontCaching.shareAcrossDocuments = false;
    try {
      expect(sha(await letterToPdf(letter))).toBe(sha(cached));
    } finally {
      fontCaching.shareAcrossDocuments = true;
      forgetFonts();
    }
  });
});
