/**
 * `appeal deadlines` as a function: the table, JSON, the calendar file (parsed back as text),
 * refusing to overwrite, atomic 0600 writes, and exit codes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDeadlines, initials, formatDeadlineText, formatDeadlineTable } from '../src/cli/deadlines.js';
import { UsageError } from '../src/cli/io.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'deadlines');
const CASE = join(FIXTURES, 'case-erisa.yaml');
const OVERDUE = join(FIXTURES, 'case-erisa-overdue.yaml');
const INVALID = join(FIXTURES, 'case-invalid.yaml');

let dir: string;
let out: string[];
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'appeal-deadlines-'));
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** Unfolds RFC 5545 folded lines (CRLF + space) and splits into content lines. */
function icsLines(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
}

describe('appeal deadlines: table and JSON', () => {
  it('prints the path as a table with the next step marked', async () => {
    const code = await runDeadlines([CASE], { date: '2026-11-01' });
    expect(code).toBe(0);
    const text = out.join('');
    expect(text).toContain('erisa  (deadline table erisa 2026.1, as of 2026-11-01)');
    expect(text).toMatch(/> {2}Internal appeal to the plan +Mon 2027-04-05 +155 days left +30 days \(pre-service\) +29 CFR 2560\.503-1\(h\)\(3\)\(i\)/);
    expect(text).toMatch(/External review by an independent review organization \(IRO\) +4 months after that decision/);
    expect(text).not.toContain('Jane');
  });

  it('marks an overdue case clearly, and a due-soon one', async () => {
    await runDeadlines([OVERDUE], { date: '2026-11-01' });
    expect(out.join('')).toMatch(/475 days late OVERDUE/);
    expect(out.join('')).toContain('OVERDUE: the deadline was 2025-07-14');
    out.length = 0;
    await runDeadlines([CASE], { date: '2027-03-30' });
    expect(out.join('')).toMatch(/6 days left DUE SOON/);
  });

  it('writes JSON that round-trips, and reports an invalid file with exit 2 without stopping the others', async () => {
    const code = await runDeadlines([CASE, INVALID], { date: '2026-11-01', format: 'json' });
    expect(code).toBe(2);
    const json = JSON.parse(out.join(''));
    expect(json.asOf).toBe('2026-11-01');
    expect(json.cases[0]).toMatchObject({ status: 'ok', deadline: { next: { dueDate: '2027-04-05', status: 'open' } } });
    expect(json.cases[1]).toMatchObject({ status: 'invalid' });
    expect(err.join('')).toMatch(/case-invalid\.yaml:\d+:\d+/);
  });

  it('rejects a bad --date and a bad --format as usage errors', async () => {
    await expect(runDeadlines([CASE], { date: '2026-02-30' })).rejects.toBeInstanceOf(UsageError);
    await expect(runDeadlines([CASE], { format: 'xml' as 'json' })).rejects.toBeInstanceOf(UsageError);
  });

  it('exports the text lines for check and the table lines', async () => {
    await runDeadlines([CASE], { date: '2026-11-01', format: 'json' });
    const report = JSON.parse(out.join('')).cases[0].deadline;
    expect(formatDeadlineText(report)[0]).toBe('Deadline: Internal appeal to the plan: file by Monday 2027-04-05 (155 days left)');
    expect(formatDeadlineTable('x.yaml', report)[0]).toContain('x.yaml  erisa');
  });
});

describe('appeal deadlines --ics', () => {
  it('writes an all-day event with a reminder 7 days before, initials only, mode 0600', async () => {
    const ics = join(dir, 'deadlines.ics');
    const code = await runDeadlines([CASE], { date: '2026-11-01', ics });
    expect(code).toBe(0);
    const text = readFileSync(ics, 'utf8');
    const lines = icsLines(text);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('BEGIN:VEVENT');
    // 29 CFR 2560.503-1(h)(3)(i): 180 days from receipt 2026-10-07 -> 2027-04-05, all day
    expect(lines).toContain('DTSTART;VALUE=DATE:20270405');
    expect(lines).toContain('DTEND;VALUE=DATE:20270406');
    // DTSTAMP comes from --date, so the same inputs give the same bytes
    expect(lines).toContain('DTSTAMP:20261101T000000Z');
    const valarm = lines.slice(lines.indexOf('BEGIN:VALARM'), lines.indexOf('END:VALARM') + 1);
    expect(valarm).toContain('ACTION:DISPLAY');
    const trigger = valarm.find((l) => l.startsWith('TRIGGER:'))!;
    // -P6DT15H before the start (00:00 on the due date) = 09:00 seven days before: a week's notice
    const m = /^TRIGGER:-P(\d+)DT(\d+)H$/.exec(trigger)!;
    expect(m).not.toBeNull();
    const hoursBefore = Number(m[1]) * 24 + Number(m[2]);
    expect(hoursBefore).toBe(7 * 24 - 9);
    const reminder = new Date(Date.UTC(2027, 3, 5) - hoursBefore * 3_600_000).toISOString();
    expect(reminder).toBe('2027-03-29T09:00:00.000Z'); // floating time: 09:00 local on 2027-03-29
    // the patient appears by initials only
    expect(text).not.toMatch(/Jane|Doe/);
    expect(lines.find((l) => l.startsWith('SUMMARY:'))).toBe('SUMMARY:Appeal deadline: Internal appeal to the plan (J.Q.D.)');
    expect(text).toContain('CLASS:PRIVATE');
    expect(statSync(ics).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['deadlines.ics']); // no temporary file left behind
    expect(err.join('')).toContain('wrote 1 deadline to');
  });

  it('is byte-for-byte reproducible', async () => {
    const a = join(dir, 'a.ics');
    const b = join(dir, 'b.ics');
    await runDeadlines([CASE], { date: '2026-11-01', ics: a });
    await runDeadlines([CASE], { date: '2026-11-01', ics: b });
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });

  it('refuses to overwrite an existing file without --force (exit 2), replaces it with --force', async () => {
    const ics = join(dir, 'mine.ics');
    writeFileSync(ics, 'my own calendar\n', { mode: 0o644 });
    const code = await runDeadlines([CASE], { date: '2026-11-01', ics });
    expect(code).toBe(2);
    expect(readFileSync(ics, 'utf8')).toBe('my own calendar\n');
    expect(err.join('')).toContain('already exists; use --force');
    expect(out.join('')).toBe(''); // refused before doing any work
    const forced = await runDeadlines([CASE], { date: '2026-11-01', ics, force: true });
    expect(forced).toBe(0);
    expect(readFileSync(ics, 'utf8')).toContain('BEGIN:VCALENDAR');
    expect(statSync(ics).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['mine.ics']);
  });

  it('leaves out deadlines already past, and writes nothing when none is left', async () => {
    const ics = join(dir, 'late.ics');
    const code = await runDeadlines([OVERDUE], { date: '2026-11-01', ics });
    expect(code).toBe(0);
    expect(existsSync(ics)).toBe(false);
    expect(err.join('')).toContain('has passed; not added to the calendar');
  });

  it('puts one event per case in one calendar', async () => {
    const second = join(dir, 'second.yaml');
    copyFileSync(CASE, second);
    writeFileSync(second, readFileSync(CASE, 'utf8').replace('reference: PA-2026-77812', 'reference: PA-2026-00001').replace('type: erisa', 'type: medicare'));
    const ics = join(dir, 'two.ics');
    expect(await runDeadlines([CASE, second], { date: '2026-11-01', ics })).toBe(0);
    const lines = icsLines(readFileSync(ics, 'utf8'));
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    // 42 CFR 405.942(a): receipt presumed 2026-10-08 (notice + 5); the stated receipt 2026-10-07 is earlier, so
    // 2026-10-07 + 120 days -> 2027-02-04 (24+30+31+31+4)
    expect(lines).toContain('DTSTART;VALUE=DATE:20270204');
    const uids = lines.filter((l) => l.startsWith('UID:'));
    expect(new Set(uids).size).toBe(2);
  });

  it('rejects --ics - (stdout) as a usage error', async () => {
    await expect(runDeadlines([CASE], { date: '2026-11-01', ics: '-' })).rejects.toBeInstanceOf(UsageError);
  });
});

describe('initials', () => {
  it.each([
    ['Jane Q. Doe', 'J.Q.D.'],
    ['Margaret A. Ellison', 'M.A.E.'],
    ['Jean-Luc Picard', 'J.L.P.'],
    ['  Ana  ', 'A.'],
    ['Élodie Brûlé', 'É.B.'],
  ])('%s -> %s', (name, expected) => expect(initials(name)).toBe(expected));
});
