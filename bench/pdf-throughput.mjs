// Letters per second for the PDF layout, with and without the per-process font caches.
// Run after `npm run build`:  node bench/pdf-throughput.mjs [seconds-per-mode] [fixture.md]
// The default fixture is a two-page letter of medical necessity with a table and the chart.
import { readFileSync } from 'node:fs';
import { letterToPdf } from '../dist/letters/pdf.js';
import { fontCaching, forgetFonts } from '../dist/letters/pdf/fonts.js';

const fixture = process.argv[3] ?? 'medical-necessity-esi.md';
const markdown = readFileSync(new URL(`../test/fixtures/letters/${fixture}`, import.meta.url), 'utf8');
const letter = {
  kind: 'appeal', markdown, title: 'Appeal', author: 'Zoë Łukasik-Nguyễn', date: '2026-11-23', gaps: [],
  chart: [
    { date: '2026-01-10', value: 8, label: 'NRS' },
    { date: '2026-05-20', value: 8.5, label: 'NRS' },
    { date: '2026-09-12', value: 8, label: 'Trial (before)' },
    { date: '2026-09-13', value: 3, label: 'Trial (after)' },
  ],
};
const seconds = Number(process.argv[2] ?? 5);
const sample = Buffer.from(await letterToPdf(letter)).toString('latin1');
console.log(`${fixture}: ${sample.split("/Type /Page\n").length - 1} pages`);

const MODES = {
  // What a renderer without caches does: read and parse the font files for every letter.
  naive: () => { forgetFonts(); fontCaching.shareAcrossDocuments = false; },
  // Parsed fonts kept, word layouts rebuilt per document (pdfkit's default per-document cache).
  'parsed fonts': () => { fontCaching.shareAcrossDocuments = false; },
  // Parsed fonts and word layouts shared by every document (the default).
  'parsed fonts + shared layouts': () => { fontCaching.shareAcrossDocuments = true; },
};

for (const [name, before] of Object.entries(MODES)) {
  forgetFonts();
  for (let i = 0; i < 5; i++) { before(); await letterToPdf(letter); } // warm up the JIT
  let n = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - start < seconds * 1000) { before(); await letterToPdf(letter); n++; }
  const elapsed = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  // On a shared machine wall time depends on the neighbours; CPU time is what the letter costs.
  console.log(`${name.padEnd(30)} ${(n / cpuSeconds).toFixed(1).padStart(6)} letters per CPU-second, ${(n / elapsed).toFixed(1).padStart(6)} per wall-second  (${n} letters)`);
}
