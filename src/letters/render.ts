/**
 * Case + findings -> Letter. Pure and deterministic: the same case, findings, options and
 * templates give the same bytes (the date is an input, never the clock).
 *
 * Two gates keep a letter honest:
 * - completeness: every denial reason in play gets a section, and in a letter that argues
 *   (appeal, medical-necessity, external-review, step-therapy-exception) each section must
 *   rest on at least one satisfied requirement. A reason nothing in the case answers is a
 *   LetterError that says what to gather; the letter is not written around it. The
 *   records request argues nothing and the peer-to-peer sheet lists the gaps openly, so
 *   neither is gated.
 * - resolution: text a template failed to fill (`{{`, `TODO`, `undefined`, `[object Object]`,
 *   `NaN`) is a LetterError, never sent.
 */
import type { Case } from '../case/schema.js';
import type { CaseFindings } from '../rules/engine.js';
import { InputError } from '../diagnostic.js';
import { LetterError } from './errors.js';
import { letterEnvironment } from './handlebars.js';
import type { AppealDeadline } from './rights.js';
import { LETTER_KINDS, type Letter, type LetterKind, type Letterhead } from './types.js';
import { buildView, painChart, voiceOf } from './view.js';

export interface RenderOptions {
  /** Which letter; defaultKind(case) when absent. */
  kind?: LetterKind;
  /** The letter date, YYYY-MM-DD. */
  date: string;
  /** Directory whose templates and partials override the shipped ones by name. */
  templatesDir?: string;
  letterhead?: Letterhead;
  /** From the deadlines capability; the deadline paragraph appears only when given. */
  deadline?: AppealDeadline;
  /** Reason id -> title, e.g. from the rule library's reason catalogue. */
  reasonTitles?: Record<string, string>;
}

/** Kinds whose body argues each denial ground and so must have evidence for each. */
const ARGUING: ReadonlySet<LetterKind> = new Set(['appeal', 'medical-necessity', 'external-review', 'step-therapy-exception']);

/**
 * The letter a case calls for: after a final internal denial, external review; otherwise
 * the internal appeal. (The medical-necessity, records-request, peer-to-peer and
 * step-therapy-exception letters are asked for by name.)
 */
export function defaultKind(c: Case): LetterKind {
  return c.denial.level === 'internal-appeal' ? 'external-review' : 'appeal';
}

export { isLetterKind } from './types.js';

/** Throws when a reason in play has no satisfied requirement to answer it. */
export function checkCompleteness(findings: CaseFindings): void {
  for (const reason of findings.reasons) {
    const answering = findings.findings.filter((f) => f.answers.includes(reason.id) && f.status !== 'not-applicable');
    if (answering.some((f) => f.status === 'satisfied')) continue;
    if (answering.length === 0) {
      throw new LetterError(
        'reason-unanswered',
        `denial reason \`${reason.id}\` is not addressed by any rule set in force, so the letter cannot answer it from the case`,
        'add a rule set that covers it (--rules DIR), or answer this ground in a letter of your own',
      );
    }
    const gather = answering.filter((f) => f.severity === 'required').map((f) => f.title.toLowerCase());
    throw new LetterError(
      'reason-unanswered',
      `denial reason \`${reason.id}\` has no supporting evidence in the case`,
      `gather ${(gather.length ? gather : answering.map((f) => f.title.toLowerCase())).join('; ')} (run \`appeal check\` for details)`,
    );
  }
}

const UNRESOLVED: [RegExp, string][] = [
  [/\{\{|\}\}/, 'a Handlebars expression'],
  [/\bTODO\b/, 'TODO'],
  [/\bundefined\b/, 'undefined'],
  [/\[object Object\]/, '[object Object]'],
  [/\bNaN\b/, 'NaN'],
];

/** Throws when the Markdown still holds text a template failed to fill. */
export function checkResolved(markdown: string): void {
  const lines = markdown.split('\n');
  for (const [pattern, what] of UNRESOLVED) {
    const i = lines.findIndex((l) => pattern.test(l));
    if (i >= 0) {
      throw new LetterError('placeholder', `the letter has unresolved text (${what}) on line ${i + 1}`, 'fix the template or the case value that produced it; nothing was written');
    }
  }
}

const TITLES: Record<LetterKind, string> = {
  appeal: 'Appeal',
  'medical-necessity': 'Letter of medical necessity',
  'external-review': 'Request for external review',
  'records-request': 'Request for claim file and criteria',
  'peer-to-peer': 'Peer-to-peer preparation',
  'step-therapy-exception': 'Request for step-therapy exception',
};

export function renderLetter(c: Case, findings: CaseFindings, options: RenderOptions): Letter {
  const kind = options.kind ?? defaultKind(c);
  if (kind === 'external-review' && c.denial.level === 'initial' && !(c.denial.urgent || c.requested.expedited)) {
    // External review follows a final internal denial; only an urgent case may ask for it
    // alongside the internal appeal.
    throw new LetterError('kind-not-applicable', 'external review follows a final internal denial, and this denial is at the initial level', 'use --letter appeal; if the case is urgent, set denial.urgent: true to ask for both at once');
  }
  if (ARGUING.has(kind)) checkCompleteness(findings);
  const { view } = buildView(c, findings, { kind, date: options.date, letterhead: options.letterhead, deadline: options.deadline, reasonTitles: options.reasonTitles });
  const env = letterEnvironment(options.templatesDir);
  let markdown: string;
  try {
    markdown = env.render(kind, view);
  } catch (e) {
    if (e instanceof Error && !(e instanceof InputError) && !(e instanceof LetterError)) {
      // Strict mode: a template read a field the view does not have, or named a partial that
      // is not there. The template is the user's input: exit 2, located where Handlebars says.
      const first = e.message.split('\n')[0]!;
      const at = / - (\d+):(\d+)$/.exec(first);
      const partial = /partial/i.test(first);
      throw new InputError([
        {
          code: partial ? 'template-partial' : 'template-field',
          file: env.fileOf(kind) ?? `${kind}.md.hbs`,
          ...(at ? { line: Number(at[1]), column: Number(at[2]) + 1 } : { line: 1, column: 1 }),
          message: partial ? 'the template names a partial that is not in the partials directory' : `the template reads a field the letter data does not have (${first.replace(/ - \d+:\d+$/, '')})`,
          hint: partial ? 'partials are plain names of files in partials/, like {{> signature}}' : 'use only the fields the shipped templates use, or guard optional ones with {{#if}}',
        },
      ]);
    }
    throw e;
  }
  markdown = tidy(markdown);
  checkResolved(markdown);
  const voice = voiceOf(c, kind);
  const author = voice === 'provider' ? c.provider.name : voice === 'representative' ? (c.representative?.name ?? c.patient.name) : c.patient.name;
  return {
    kind,
    markdown,
    title: `${TITLES[kind]}: ${c.denial.reference}`,
    author: options.letterhead?.name ?? author,
    subject: `${c.service.description}, ${c.patient.name}`,
    date: options.date,
    chart: painChart(c),
    letterhead: options.letterhead,
    gaps: findings.findings.filter((f) => f.status === 'missing' && f.severity === 'required'),
  };
}

/** Template whitespace: no trailing spaces, at most one blank line, one final newline. */
function tidy(markdown: string): string {
  return `${markdown
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
