// `npm run bench`: how fast appeal starts and how fast it works through many cases, measured
// on the built CLI (dist/) with plain node. Prints a table and writes bench/results.json.
//
//   node bench/bench.mjs [--cases N] [--rss-cases N] [--runs N] [--jobs N] [--md-cases N] [--pdf-cases N]
//
// Child processes are timed with /usr/bin/time when present (wall, user+sys CPU, peak RSS of
// the whole process, worker threads included); otherwise wall time only. CPU time is shown
// beside wall time because wall time on a shared machine measures the neighbours too.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import Handlebars from 'handlebars';
import PDFDocument from 'pdfkit';
import { writeCases } from './cases.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const APPEAL = join(ROOT, 'bin/appeal.js');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CASES = arg('cases', 1000);
const RSS_CASES = arg('rss-cases', 10000);
const RUNS = arg('runs', 11);
const JOBS = arg('jobs', availableParallelism());
const MD_CASES = arg('md-cases', 200);
const PDF_CASES = arg('pdf-cases', 24);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

if (!existsSync(join(ROOT, 'dist/cli/main.js'))) {
  console.error('bench: build first (npm run build)');
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs a command once: wall ms, cpu ms (user+sys), peak RSS MB. */
function run(argv, cwd) {
  const stats = join(work, 'time.txt');
  const cmd = TIME ? [TIME, '-f', '%e %U %S %M', '-o', stats, ...argv] : argv;
  const t0 = performance.now();
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const wall = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1 && r.status !== 2) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  if (!TIME) return { wall, cpu: NaN, rss: NaN };
  const [, user, sys, kb] = readFileSync(stats, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: (user + sys) * 1000, rss: kb / 1024 };
}

const { CaseSchema } = await import(new URL('../dist/case/schema.js', import.meta.url).href);

const work = mkdtempSync(join(tmpdir(), 'appeal-bench-'));
const results = { date: new Date().toISOString(), node: process.version, cpus: availableParallelism(), jobs: JOBS, cases: CASES, rssCases: RSS_CASES, runs: RUNS };
try {
  const started = performance.now();
  const casesDir = join(work, 'cases');
  const meanBytes = writeCases(casesDir, CASES, 1);
  const one = join(casesDir, 'case-00000.yaml');
  results.meanCaseBytes = Math.round(meanBytes);

  // 1. Start-up: the commands interleaved, so load from elsewhere hits each alike.
  const startup = { floor: [], version: [], help: [], check1: [] };
  const commands = {
    floor: [process.execPath, '-e', '0'],
    version: [process.execPath, APPEAL, '--version'],
    help: [process.execPath, APPEAL, '--help'],
    check1: [process.execPath, APPEAL, 'check', one, '--quiet'],
  };
  for (let i = 0; i < RUNS; i++) for (const [name, argv] of Object.entries(commands)) startup[name].push(run(argv, work));
  const med = (name, key) => median(startup[name].map((m) => m[key]));
  results.startup = {};
  for (const name of Object.keys(commands)) {
    results.startup[name] = { wallMs: med(name, 'wall'), cpuMs: med(name, 'cpu'), wallRatio: med(name, 'wall') / med('floor', 'wall'), cpuRatio: med(name, 'cpu') / med('floor', 'cpu') };
  }

  // How many cores this run actually gets: the same busy loop alone and twice at once.
  // Without it a worker speed-up below 2x cannot tell a slow pool from a busy machine.
  const busy = [process.execPath, '-e', 'for (let i = 0; i < 6e8; i++);'];
  const alone = run(busy, work).wall;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: JOBS }, () => new Promise((done) => spawn(busy[0], busy.slice(1)).on('close', done))));
  results.coresAvailable = (JOBS * alone) / (performance.now() - t0);

  // 2. Check throughput: the CLI on 1 and N workers, and the raw loop it is measured against.
  const checkRun = (jobs) => run([process.execPath, APPEAL, 'check', casesDir, '--format', 'jsonl', '--quiet', '--jobs', String(jobs)], work);
  const c1 = checkRun(1);
  const cN = checkRun(JOBS);
  results.check = {
    jobs1: { wallMs: c1.wall, cpuMs: c1.cpu, casesPerSec: (CASES * 1000) / c1.wall, casesPerCpuSec: (CASES * 1000) / c1.cpu },
    jobsN: { jobs: JOBS, wallMs: cN.wall, cpuMs: cN.cpu, casesPerSec: (CASES * 1000) / cN.wall, speedup: c1.wall / cN.wall },
  };
  results.raw = rawLoop(casesDir);
  results.check.vsRaw = results.check.jobs1.casesPerSec / results.raw.casesPerSec;
  results.check.vsRawCpu = results.check.jobs1.casesPerCpuSec / results.raw.casesPerCpuSec;

  // 3. Rendering, once the letter modules are merged.
  const renderPresent = existsSync(join(ROOT, 'dist/letters/render.js')) && existsSync(join(ROOT, 'dist/batch/render-job.js'));
  results.render = renderPresent ? await renderBench() : 'n/a (renderer not present)';

  // 4. Peak RSS of one run over many cases (workers included: they are threads of it).
  const bigDir = join(work, 'many');
  writeCases(bigDir, RSS_CASES, 2);
  const big = run([process.execPath, APPEAL, 'check', bigDir, '--format', 'jsonl', '--quiet', '--jobs', String(JOBS)], work);
  results.rss = { cases: RSS_CASES, jobs: JOBS, peakMb: big.rss, wallMs: big.wall, casesPerSec: (RSS_CASES * 1000) / big.wall };
  results.benchSeconds = (performance.now() - started) / 1000;
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** The floor `check` is held to: read, YAML parse, zod validation, a Handlebars render. */
function rawLoop(dir) {
  const files = readdirSync(dir).map((f) => join(dir, f));
  const template = Handlebars.compile('Re: {{service.description}} for {{patient.name}}, member {{plan.member_id}}\n{{#each history.medications}}- {{name}} {{dose}} ({{start}} to {{end}}): {{outcome}}\n{{/each}}');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let chars = 0;
  for (const f of files) chars += template(CaseSchema.parse(parseYaml(readFileSync(f, 'utf8')))).length;
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { wallMs: wall, cpuMs, casesPerSec: (files.length * 1000) / wall, casesPerCpuSec: (files.length * 1000) / cpuMs, chars };
}

/**
 * Render throughput: Markdown letters (check + render, 1 worker) against the raw
 * yaml+zod+handlebars loop, and PDF letters on 1 and JOBS workers against raw pdfkit. PDF
 * uses far fewer cases (a letter costs tens of ms) to keep the bench under two minutes.
 */
async function renderBench() {
  const mdDir = join(work, 'render-md');
  writeCases(mdDir, MD_CASES, 3);
  const pdfDir = join(work, 'render-pdf');
  writeCases(pdfDir, PDF_CASES, 4);
  const renderRun = (dir, format, jobs) => {
    const out = join(work, `out-${format}-${jobs}`);
    const m = run([process.execPath, APPEAL, 'render', dir, '--out-dir', out, '--format', format, '--jobs', String(jobs), '--date', '2026-11-01', '--quiet', '--force'], work);
    const letters = readdirSync(out).length;
    return { wallMs: m.wall, cpuMs: m.cpu, letters, lettersPerSec: (letters * 1000) / m.wall, lettersPerCpuSec: (letters * 1000) / m.cpu, out };
  };
  // Letters per second count the letters written: a synthetic case whose denial reason has no
  // evidence gets no letter (exit 1), as in real use, though its work is in the time.
  const md = renderRun(mdDir, 'md', 1);
  const pdf1 = renderRun(pdfDir, 'pdf', 1);
  const pdfN = renderRun(pdfDir, 'pdf', JOBS);
  // The raw floor lays out the same letter texts (the Markdown the CLI wrote) as plain text.
  const texts = readdirSync(md.out).slice(0, PDF_CASES).map((f) => readFileSync(join(md.out, f), 'utf8'));
  const raw = await rawPdf(texts);
  return {
    mdCases: MD_CASES,
    pdfCases: PDF_CASES,
    md: { ...md, vsRaw: md.lettersPerSec / results.raw.casesPerSec, vsRawCpu: md.lettersPerCpuSec / results.raw.casesPerCpuSec },
    pdf1: { ...pdf1, vsRaw: pdf1.lettersPerSec / raw.lettersPerSec, vsRawCpu: pdf1.lettersPerCpuSec / raw.lettersPerCpuSec },
    pdfN: { ...pdfN, jobs: JOBS, speedup: pdf1.wallMs / pdfN.wallMs },
    rawPdf: raw,
  };
}

/** Naive pdfkit, per document: new PDFDocument, the font registered from its file, the text. */
function rawPdf(texts) {
  const font = join(ROOT, 'fonts/LiberationSerif-Regular.ttf');
  const one = (text) =>
    new Promise((done) => {
      const doc = new PDFDocument({ size: 'LETTER', margin: 72 });
      const chunks = [];
      doc.on('data', (c) => chunks.push(c));
      doc.on('end', () => done(Buffer.concat(chunks)));
      doc.registerFont('body', font);
      doc.font('body').fontSize(11).text(text);
      doc.end();
    });
  return (async () => {
    await one(texts[0]); // warm up
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const t of texts) await one(t);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    return { wallMs: wall, cpuMs, lettersPerSec: (texts.length * 1000) / wall, lettersPerCpuSec: (texts.length * 1000) / cpuMs };
  })();
}

const f0 = (n) => (Number.isFinite(n) ? n.toFixed(0) : 'n/a');
const f2 = (n) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');
const s = results.startup;
const rows = [
  ['measure', 'wall', 'cpu', 'target'],
  ['node -e 0 (floor)', `${f0(s.floor.wallMs)} ms`, `${f0(s.floor.cpuMs)} ms`, ''],
  ['appeal --version', `${f2(s.version.wallRatio)}x (${f0(s.version.wallMs)} ms)`, `${f2(s.version.cpuRatio)}x`, '<= 1.3x'],
  ['appeal --help', `${f2(s.help.wallRatio)}x (${f0(s.help.wallMs)} ms)`, `${f2(s.help.cpuRatio)}x`, '<= 1.3x'],
  ['appeal check (1 case)', `${f2(s.check1.wallRatio)}x (${f0(s.check1.wallMs)} ms)`, `${f2(s.check1.cpuRatio)}x`, '<= 2x'],
  [`raw yaml+zod+handlebars`, `${f0(results.raw.casesPerSec)} cases/s`, `${f0(results.raw.casesPerCpuSec)} cases/cpu-s`, ''],
  [`check, 1 worker (${CASES} cases)`, `${f0(results.check.jobs1.casesPerSec)} cases/s = ${f2(results.check.vsRaw)}x raw`, `${f0(results.check.jobs1.casesPerCpuSec)} cases/cpu-s = ${f2(results.check.vsRawCpu)}x raw`, '>= 0.8x raw'],
  [`check, ${JOBS} workers`, `${f0(results.check.jobsN.casesPerSec)} cases/s = ${f2(results.check.jobsN.speedup)}x 1 worker`, `${f0(results.check.jobsN.cpuMs)} ms`, '>= 1.7x'],
  [`cores this run got (of ${results.cpus})`, f2(results.coresAvailable), '', ''],
  ...renderRows(results.render),
  [`peak RSS, ${RSS_CASES} cases, ${JOBS} workers`, `${f0(results.rss.peakMb)} MB`, `${f0(results.rss.casesPerSec)} cases/s`, '<= 250 MB'],
];
function renderRows(r) {
  if (typeof r === 'string') return [['render md / pdf', r, '', '']];
  return [
    [`render md, 1 worker (${r.md.letters}/${r.mdCases} written)`, `${f0(r.md.lettersPerSec)} letters/s = ${f2(r.md.vsRaw)}x raw`, `${f0(r.md.lettersPerCpuSec)} letters/cpu-s = ${f2(r.md.vsRawCpu)}x raw`, ''],
    ['raw pdfkit (naive, same font)', `${f2(r.rawPdf.lettersPerSec)} letters/s`, `${f2(r.rawPdf.lettersPerCpuSec)} letters/cpu-s`, ''],
    [`render pdf, 1 worker (${r.pdf1.letters}/${r.pdfCases} written)`, `${f2(r.pdf1.lettersPerSec)} letters/s = ${f2(r.pdf1.vsRaw)}x raw`, `${f2(r.pdf1.lettersPerCpuSec)} letters/cpu-s = ${f2(r.pdf1.vsRawCpu)}x raw`, ''],
    [`render pdf, ${r.pdfN.jobs} workers`, `${f2(r.pdfN.lettersPerSec)} letters/s = ${f2(r.pdfN.speedup)}x 1 worker`, `${f0(r.pdfN.cpuMs)} ms`, ''],
  ];
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log(rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n'));
console.log(`\n${CASES} synthetic cases of ~${results.meanCaseBytes} bytes; start-up: median of ${RUNS} runs; node ${process.version}, ${results.cpus} CPUs; bench took ${f0(results.benchSeconds)} s`);
writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
