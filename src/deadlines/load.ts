/**
 * Loading the deadline tables shipped in rules/deadlines/: every file validated, every
 * problem in every file reported together with file:line:column. Loaded once per
 * directory and cached (the tables are read-only data).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ZodType } from 'zod';
import { LEVELS, PLAN_TYPES, type PlanType } from '../case/schema.js';
import { InputError, type Diagnostic } from '../diagnostic.js';
import { dottedPath, parseYamlSource, validateWith } from '../yaml-source.js';
import { DeadlineFileSchema, type AicTableFile, type AppealPathFile } from './schema.js';
import { DEADLINES_SNAPSHOT_FILE, fingerprint, readSnapshot } from '../rules/snapshot.js';

/** rules/deadlines/ shipped with the package (two levels up from src/deadlines or dist/deadlines). */
export const SHIPPED_DEADLINES_DIR = fileURLToPath(new URL('../../rules/deadlines/', import.meta.url));

export interface AppealPath extends AppealPathFile {
  /** Where it was read from, for messages. */
  file: string;
}

export interface AicTable extends AicTableFile {
  file: string;
}

export interface DeadlineLibrary {
  /** Every version of every plan type's path, sorted by plan then effective date. */
  paths: AppealPath[];
  aic: AicTable | undefined;
}

/** Keys a schema allows at a path, for "did you mean" hints (unions: the keys of every option). */
function keysAt(schema: ZodType, path: readonly PropertyKey[]): string[] {
  const out = new Set<string>();
  const walk = (s: unknown, rest: readonly PropertyKey[]) => {
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
        return walk(def.innerType, rest);
      case 'union':
        for (const o of def.options as unknown[]) walk(o, rest);
        return;
      case 'array':
        return walk(def.element, typeof rest[0] === 'number' ? rest.slice(1) : rest);
      case 'object': {
        const shape = def.shape as Record<string, unknown>;
        if (rest.length === 0) {
          for (const k of Object.keys(shape)) out.add(k);
          return;
        }
        const next = shape[String(rest[0])];
        if (next) walk(next, rest.slice(1));
        return;
      }
    }
  };
  walk(schema, path);
  return [...out];
}

type SourceRefPath = (string | number)[];

/** Checks what zod cannot: source ids resolve, level ids are unique, `follows` is used once each. */
function crossCheck(data: AppealPathFile | AicTableFile, locate: (p: SourceRefPath) => { line: number; column: number }, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const known = new Set(data.sources.map((s) => s.id));
  const problem = (path: SourceRefPath, message: string, code = 'invalid', hint?: string) =>
    diagnostics.push({ code, file, ...locate(path), path: dottedPath(path), message, hint });
  const seenSources = new Set<string>();
  data.sources.forEach((s, i) => {
    if (seenSources.has(s.id)) problem(['sources', i, 'id'], `source id \`${s.id}\` is defined twice`, 'duplicate-id');
    seenSources.add(s.id);
  });
  const refs = (ids: readonly string[] | undefined, path: SourceRefPath) =>
    ids?.forEach((id, i) => {
      if (!known.has(id)) problem([...path, i], `unknown source id \`${id}\``, 'unknown-source', 'add it under `sources:` at the top of the file');
    });
  if (data.kind === 'amount-in-controversy') {
    const years = new Set<number>();
    data.years.forEach((y, i) => {
      refs(y.sources, ['years', i, 'sources']);
      if (years.has(y.year)) problem(['years', i, 'year'], `year ${y.year} is listed twice`, 'duplicate-id');
      years.add(y.year);
    });
    return diagnostics;
  }
  if (data.initial_decision?.decision) refs(data.initial_decision.decision.sources, ['initial_decision', 'decision', 'sources']);
  const ids = new Set<string>();
  const follows = new Map<string, number>();
  data.levels.forEach((level, i) => {
    const at = (...p: SourceRefPath): SourceRefPath => ['levels', i, ...p];
    if (ids.has(level.id)) problem(at('id'), `level id \`${level.id}\` is used twice`, 'duplicate-id');
    ids.add(level.id);
    if (level.follows) {
      if (follows.has(level.follows)) problem(at('follows'), `another level already follows \`${level.follows}\``, 'duplicate-follows');
      follows.set(level.follows, i);
    }
    refs(level.sources, at('sources'));
    refs(level.filing.sources, at('filing', 'sources'));
    if (level.filing.kind === 'window') level.filing.alternatives?.forEach((a, j) => refs(a.sources, at('filing', 'alternatives', j, 'sources')));
    if (level.decision) refs(level.decision.sources, at('decision', 'sources'));
    if (level.expedited) refs(level.expedited.sources, at('expedited', 'sources'));
    if (level.good_cause) refs(level.good_cause.sources, at('good_cause', 'sources'));
    level.also?.forEach((a, j) => refs(a.sources, at('also', j, 'sources')));
    if (level.filing.kind === 'window' && level.filing.alternatives?.length && !level.filing.disagreement) {
      problem(at('filing', 'disagreement'), 'say why the readings disagree (`disagreement:`) when `alternatives` are given', 'missing-note');
    }
  });
  for (const l of LEVELS) {
    if (!follows.has(l)) problem(['levels'], `no level follows \`${l}\`: every case level needs a next step`, 'missing-follows', 'add `follows: ' + l + '` to the level that comes next');
  }
  return diagnostics;
}

/** Parses and validates one deadline file; returns its problems rather than throwing. */
export function readDeadlineFile(file: string, label = file): { data?: AppealPathFile | AicTableFile; diagnostics: Diagnostic[] } {
  try {
    const { source, value } = parseYamlSource(readFileSync(file, 'utf8'), label);
    const data = validateWith(DeadlineFileSchema, value, source, (p) => keysAt(DeadlineFileSchema, p));
    const diagnostics = crossCheck(data, (p) => source.locate(p), label);
    return { data, diagnostics };
  } catch (e) {
    if (e instanceof InputError) return { diagnostics: e.diagnostics };
    return { diagnostics: [{ code: 'file-unreadable', file: label, message: (e as Error).message }] };
  }
}

const cache = new Map<string, DeadlineLibrary>();

const yamlFilesIn = (dir: string) => readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();

/**
 * The shipped tables from the build's snapshot (dist/deadlines.json) when it matches the YAML
 * byte for byte: parsing ~55 KB of deadline YAML was about half of `appeal check` on one case.
 */
function shippedFromSnapshot(): DeadlineLibrary | undefined {
  try {
    const files = yamlFilesIn(SHIPPED_DEADLINES_DIR).map((f) => join(SHIPPED_DEADLINES_DIR, f));
    return readSnapshot<{ fingerprint: string; library: DeadlineLibrary }>(fingerprint(SHIPPED_DEADLINES_DIR, files), DEADLINES_SNAPSHOT_FILE)?.library;
  } catch {
    return undefined;
  }
}

/** What the build writes to dist/deadlines.json. Throws if rules/deadlines/ is invalid. */
export function buildDeadlinesSnapshot(): { fingerprint: string; library: DeadlineLibrary } {
  const library = loadDeadlines(SHIPPED_DEADLINES_DIR, { snapshot: false });
  const files = yamlFilesIn(SHIPPED_DEADLINES_DIR).map((f) => join(SHIPPED_DEADLINES_DIR, f));
  return { fingerprint: fingerprint(SHIPPED_DEADLINES_DIR, files), library };
}

/**
 * Loads every table under `dir` (default: the shipped rules/deadlines). Throws one
 * InputError listing every problem. The result is cached per directory.
 */
export function loadDeadlines(dir: string = SHIPPED_DEADLINES_DIR, options: { snapshot?: boolean } = {}): DeadlineLibrary {
  const useSnapshot = dir === SHIPPED_DEADLINES_DIR && options.snapshot !== false;
  const hit = options.snapshot !== false && cache.get(dir);
  if (hit) return hit;
  const snapshot = useSnapshot ? shippedFromSnapshot() : undefined;
  if (snapshot) {
    cache.set(dir, snapshot);
    return snapshot;
  }
  const diagnostics: Diagnostic[] = [];
  const paths: AppealPath[] = [];
  let aic: AicTable | undefined;
  let files: string[];
  try {
    files = yamlFilesIn(dir);
  } catch {
    throw new InputError([{ code: 'rules-dir', file: dir, message: 'cannot read the deadline tables directory' }]);
  }
  const label = (f: string) => (dir === SHIPPED_DEADLINES_DIR ? join('rules', 'deadlines', f) : join(dir, f));
  for (const f of files) {
    const { data, diagnostics: found } = readDeadlineFile(join(dir, f), label(f));
    diagnostics.push(...found);
    if (!data || found.length > 0) continue;
    if (data.kind === 'amount-in-controversy') {
      if (aic) diagnostics.push({ code: 'duplicate-rule-set', file: label(f), message: `a second amount-in-controversy table (the first is ${aic.file})` });
      else aic = { ...data, file: label(f) };
      continue;
    }
    const twin = paths.find((p) => p.plan === data.plan && (p.version === data.version || p.effective === data.effective));
    if (twin) {
      diagnostics.push({
        code: 'duplicate-rule-set',
        file: label(f),
        line: 1,
        column: 1,
        message: `${data.plan} already has a path with ${twin.version === data.version ? `version ${data.version}` : `effective date ${data.effective}`} in ${twin.file}`,
      });
      continue;
    }
    paths.push({ ...data, file: label(f) });
  }
  if (dir === SHIPPED_DEADLINES_DIR) {
    for (const plan of PLAN_TYPES) {
      if (!paths.some((p) => p.plan === plan)) diagnostics.push({ code: 'missing-rule-set', file: label(''), message: `no appeal path for plan type \`${plan}\`` });
    }
    if (!aic) diagnostics.push({ code: 'missing-rule-set', file: label(''), message: 'no Medicare amount-in-controversy table' });
  }
  if (diagnostics.length > 0) throw new InputError(diagnostics);
  paths.sort((a, b) => a.plan.localeCompare(b.plan) || a.effective.localeCompare(b.effective));
  const library: DeadlineLibrary = { paths, aic };
  if (options.snapshot !== false) cache.set(dir, library);
  return library;
}

export interface SelectedPath {
  path: AppealPath;
  /** Set when no version was in force on the date and the earliest one was used. */
  note?: string;
}

/** The version of a plan type's path in force on `date`: the latest effective on or before it. */
export function selectPath(library: DeadlineLibrary, plan: PlanType, date: string): SelectedPath {
  const versions = library.paths.filter((p) => p.plan === plan).sort((a, b) => a.effective.localeCompare(b.effective));
  if (versions.length === 0) throw new InputError([{ code: 'missing-rule-set', file: 'rules/deadlines', message: `no appeal path for plan type \`${plan}\`` }]);
  let chosen: AppealPath | undefined;
  for (const v of versions) if (v.effective <= date) chosen = v;
  if (chosen) return { path: chosen };
  const earliest = versions[0]!;
  return {
    path: earliest,
    note: `No ${plan} deadline table was in force on ${date}; the earliest one (version ${earliest.version}, effective ${earliest.effective}) was used. Older rules may have differed.`,
  };
}
