/**
 * The letters' Handlebars environment: isolated (never the global Handlebars), strict (a
 * template that reads a field the view lacks is an error, not a blank), no prototype
 * access, and no HTML escaping: the view handed to templates is already Markdown-escaped
 * (see view.ts), and every helper that makes text from data escapes what it adds.
 *
 * Templates are `templates/<kind>.md.hbs`, partials `templates/partials/<name>.md.hbs`.
 * A `--templates DIR` overrides any of them by the same name (DIR/<kind>.md.hbs,
 * DIR/partials/<name>.md.hbs). Names come from directory listings, never from template
 * text, so a template cannot reach a file outside those directories.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { InputError } from '../diagnostic.js';
import { escapeInline } from './escape.js';
import { joinList, longDate, percent, plural } from './format.js';
import type { LetterKind } from './types.js';

export const SHIPPED_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

const NAME = /^([a-z0-9][a-z0-9-]*)\.md\.hbs$/;

type Compiled = Handlebars.TemplateDelegate;

export interface LetterEnvironment {
  render(kind: LetterKind, view: object): string;
  /** Where each template came from, for error messages. */
  fileOf(name: string): string | undefined;
}

/** Template files of one directory by name (`appeal` -> /dir/appeal.md.hbs), confined to it. */
function templateFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const root = realpathSync(dir);
  for (const entry of readdirSync(dir).sort()) {
    const m = NAME.exec(entry);
    if (!m) continue;
    const file = join(dir, entry);
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      continue;
    }
    // A symlink pointing outside the directory is not a template of this directory.
    if (!real.startsWith(root + sep) || !statSync(real).isFile()) continue;
    out.set(m[1]!, file);
  }
  return out;
}

function registerHelpers(hb: typeof Handlebars): void {
  // Helpers get view values (already escaped) or literals from the template. Text they
  // build from raw arguments is escaped before it is returned.
  hb.registerHelper('date', (iso: unknown) => escapeInline(longDate(iso)));
  hb.registerHelper('list', (items: unknown, conj: unknown) =>
    joinList(Array.isArray(items) ? items : [], typeof conj === 'string' ? conj : 'and'),
  );
  hb.registerHelper('plural', (n: unknown, singular: unknown, pluralForm: unknown) =>
    escapeInline(plural(Number(n), String(singular), typeof pluralForm === 'string' ? pluralForm : undefined)),
  );
  hb.registerHelper('percent', (v: unknown) => escapeInline(percent(v)));
  hb.registerHelper('codes', (items: unknown) => joinList(Array.isArray(items) ? items : []));
  hb.registerHelper('upper', (v: unknown) => String(v ?? '').toUpperCase());
  hb.registerHelper('lower', (v: unknown) => String(v ?? '').toLowerCase());
  // Lower-cases a leading capital unless it starts an acronym ("Left L5-S1" -> "left L5-S1", "MRI" stays).
  hb.registerHelper('lcfirst', (v: unknown) => String(v ?? '').replace(/^([A-Z])(?![A-Z0-9])/, (c) => c.toLowerCase()));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hb.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hb.registerHelper('count', (items: unknown) => (Array.isArray(items) ? items.length : 0));
}

function compile(hb: typeof Handlebars, file: string): Compiled {
  const text = readFileSync(file, 'utf8');
  try {
    // Parse now so a syntax error is reported against its file, not at first use.
    hb.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const line = /line (\d+)/.exec(message);
    throw new InputError([
      {
        code: 'template-syntax',
        file,
        line: line ? Number(line[1]) : undefined,
        message: `template syntax error: ${message.split('\n')[0]}`,
      },
    ]);
  }
  return hb.compile(text, { strict: true, noEscape: true, knownHelpersOnly: false });
}

const cache = new Map<string, LetterEnvironment>();

/** The environment for the shipped templates, overridden by `templatesDir` when given; cached per directory. */
export function letterEnvironment(templatesDir?: string): LetterEnvironment {
  const key = templatesDir ? resolve(templatesDir) : '';
  const cached = cache.get(key);
  if (cached) return cached;
  if (templatesDir && !(existsSync(templatesDir) && statSync(templatesDir).isDirectory())) {
    throw new InputError([{ code: 'templates-dir', file: templatesDir, message: 'the templates directory does not exist', hint: 'pass a directory holding <kind>.md.hbs and partials/<name>.md.hbs files' }]);
  }
  const hb = Handlebars.create();
  registerHelpers(hb);
  const templates = templateFiles(SHIPPED_TEMPLATES);
  const partials = templateFiles(join(SHIPPED_TEMPLATES, 'partials'));
  if (templatesDir) {
    for (const [name, file] of templateFiles(templatesDir)) templates.set(name, file);
    for (const [name, file] of templateFiles(join(templatesDir, 'partials'))) partials.set(name, file);
  }
  for (const [name, file] of partials) hb.registerPartial(name, compile(hb, file));
  const compiled = new Map<string, Compiled>();
  const env: LetterEnvironment = {
    fileOf: (name) => templates.get(name) ?? partials.get(name),
    render(kind, view) {
      let template = compiled.get(kind);
      if (!template) {
        const file = templates.get(kind);
        if (!file) throw new InputError([{ code: 'template-missing', file: `${kind}.md.hbs`, message: `no template for the letter kind \`${kind}\`` }]);
        template = compile(hb, file);
        compiled.set(kind, template);
      }
      return template(view, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    },
  };
  cache.set(key, env);
  return env;
}
