/**
 * Checks on a case that its schema cannot make: they need today's date or know about the
 * file system. They run in the loader, after the schema, so every consumer (check, render,
 * the library API) gets them, and each problem is a located diagnostic like any other.
 *
 * Decisions (README, "Data safety" and the case-file section):
 *  - Dates of things that have happened (the denial, its receipt, birth, the start of a
 *    medication or therapy, a procedure, a measure, a document) may not be after today:
 *    code `future-date`. `service.date` may be in the future (a pre-service request asks
 *    for a planned service), and so may end dates (a course can have a planned end).
 *  - History, measures and documents dated after the denial but not after today are
 *    accepted: evidence gathered for the appeal (a psych evaluation obtained after the
 *    denial, a new trial) is exactly what an appeal adds.
 *  - `documents[].file` must stay inside the case file's folder: no absolute path, no
 *    drive or URL, no `..` that climbs out (code `path-escape`). This is a check on the
 *    text; whoever reads the file also resolves symbolic links (`confinedPath`).
 * Diagnostics name the field, never the value (a file name can itself be health data).
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../diagnostic.js';
import type { CaseSource } from './locate.js';
import { formatPath } from './locate.js';
import type { Case } from './schema.js';

export interface SanityOptions {
  /** Today as YYYY-MM-DD (default: the local calendar date); fixed in tests. */
  today?: string;
}

/** Today's date on the user's own calendar (a denial dated "today" must not be "tomorrow" in UTC). */
export { today as localToday } from '../dates.js';
import { today as todayOnCalendar } from '../dates.js';

type Path = (string | number)[];

/** The dates that record past events, with their paths. */
function pastDates(c: Case): { path: Path; date: string | undefined }[] {
  const out: { path: Path; date: string | undefined }[] = [
    { path: ['patient', 'date_of_birth'], date: c.patient.date_of_birth },
    { path: ['denial', 'date'], date: c.denial.date },
    { path: ['denial', 'received'], date: c.denial.received },
  ];
  c.history?.medications?.forEach((m, i) => out.push({ path: ['history', 'medications', i, 'start'], date: m.start }));
  c.history?.therapies?.forEach((t, i) => out.push({ path: ['history', 'therapies', i, 'start'], date: t.start }));
  c.history?.procedures?.forEach((p, i) => out.push({ path: ['history', 'procedures', i, 'date'], date: p.date }));
  c.measures?.forEach((m, i) => out.push({ path: ['measures', i, 'date'], date: m.date }));
  c.documents?.forEach((d, i) => out.push({ path: ['documents', i, 'date'], date: d.date }));
  return out;
}

/** Why a `file:` path is not confined to the case folder, or undefined when it is. */
export function pathEscape(file: string): string | undefined {
  const slashed = file.replace(/\\/g, '/');
  if (slashed.startsWith('/') || isAbsolute(file)) return 'an absolute path';
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(slashed)) return 'a drive letter or URL';
  const normal = posix.normalize(slashed);
  if (normal === '..' || normal.startsWith('../')) return 'a path that climbs out with `..`';
  return undefined;
}

export function caseSanityDiagnostics(c: Case, file: string, source: CaseSource, options: SanityOptions = {}): Diagnostic[] {
  const today = options.today ?? todayOnCalendar();
  const out: Diagnostic[] = [];
  for (const { path, date } of pastDates(c)) {
    if (date === undefined || date <= today) continue;
    out.push({
      code: 'future-date',
      file,
      ...source.locate(path),
      path: formatPath(path),
      message: 'this date is in the future',
      expected: 'a date on or before today: it records something that has already happened',
      found: 'a date after today',
      hint: path[0] === 'denial' ? 'copy the date printed on the denial letter' : 'check the year; planned dates belong in `service.date`',
    });
  }
  c.documents?.forEach((d, i) => {
    if (d.file === undefined) return;
    const why = pathEscape(d.file);
    if (!why) return;
    const path = ['documents', i, 'file'];
    out.push({
      code: 'path-escape',
      file,
      ...source.locate(path),
      path: formatPath(path),
      message: 'the document path leaves the case file\'s folder',
      expected: 'a path relative to the case file, inside its folder, like docs/psych-eval.pdf',
      found: why,
      hint: 'copy the document into the case folder (or a sub-folder) and name it relative to the case file',
    });
  });
  return out;
}

/**
 * The real path of `file` (relative to `caseDir`) if it stays inside `caseDir` after
 * symbolic links are resolved; undefined when it escapes or does not exist. For readers of
 * `documents[].file` (letters that list or attach enclosures).
 */
export function confinedPath(caseDir: string, file: string): string | undefined {
  if (pathEscape(file)) return undefined;
  try {
    const base = realpathSync(caseDir);
    const target = realpathSync(resolve(base, file));
    const rel = relative(base, target);
    return rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? undefined : target;
  } catch {
    return undefined;
  }
}
