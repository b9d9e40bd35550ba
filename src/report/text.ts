/** `check --format text`: a checklist per case, missing required items first. */
import { formatDiagnostic } from '../diagnostic.js';
import type { Finding } from '../rules/engine.js';
import { style, type Style } from './style.js';
import type { CaseReport, Formatter } from './types.js';
import { describeDetail, describeEvidence } from './wording.js';
import { summarize } from './json.js';
import { formatDeadlineText } from '../deadlines/format.js';

function sourceLine(f: Finding): string {
  return f.sources
    .map((s) => `${s.citation}${s.confidence === 'primary' ? '' : ` [${s.confidence}]`}`)
    .join('; ');
}

const clip = (text: string, max = 110) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function findingBlock(f: Finding, s: Style, mark: string, verbose: boolean): string[] {
  const lines = [`  ${mark} ${s.bold(f.title)}  ${s.dim(f.id)}`];
  if (f.status === 'missing') {
    lines.push(`      Gather: ${f.missing}`);
    for (const d of f.detail) lines.push(`      - ${describeDetail(d)}`);
  } else {
    for (const e of f.evidence) lines.push(`      - ${verbose ? describeEvidence(e) : clip(describeEvidence(e))} ${s.dim(`(${e.path})`)}`);
    for (const d of f.detail) lines.push(`      - ${describeDetail(d)}`);
  }
  if (f.confidence === 'unconfirmed') lines.push(`      ${s.yellow('Note: this requirement rests on a source we could not confirm; check the payer\'s own policy.')}`);
  // Sources matter most where something must be gathered; for met items they are noise.
  if (f.status === 'missing' || verbose) lines.push(`      ${s.dim(`Source: ${sourceLine(f)}`)}`);
  return lines;
}

export function formatCaseText(r: CaseReport, s: Style, verbose = false): string {
  const head = [r.file, r.treatment, r.reference].filter(Boolean).join('  ');
  const out: string[] = [s.bold(head)];
  if (r.status === 'invalid' || !r.result) {
    out.push(`  ${s.red('INVALID')}: the case file could not be read`);
    for (const d of r.diagnostics ?? []) out.push(`  ${formatDiagnostic(d)}`);
    return out.join('\n');
  }
  if (r.deadline) {
    // The deadline comes first: missing it loses the appeal whatever the evidence.
    const [first, ...rest] = formatDeadlineText(r.deadline);
    const st = r.deadline.next.status;
    // Notes explain edge cases at length; `check` keeps them for --verbose (and `appeal deadlines`).
    // A due date on a weekend is the one note no reader should miss.
    const isNote = (l: string) => l.trim().startsWith('Note:') && !/is a (Saturday|Sunday)/.test(l);
    const notes = rest.filter(isNote);
    const shown = verbose ? rest : rest.filter((l) => !isNote(l) && !l.trim().startsWith('Decided by:'));
    out.push(`  ${st === 'overdue' ? s.red(s.bold(first!)) : st === 'due-soon' ? s.yellow(first!) : first!}`, ...shown.map((l) => `  ${l}`));
    if (!verbose && notes.length > 0) out.push(s.dim(`    (${notes.length} note${notes.length === 1 ? '' : 's'} on this deadline: see --verbose or \`appeal deadlines\`)`));
  }
  const res = r.result;
  const { requiredMissing, recommendedMissing, satisfied } = res.summary;
  out.push(
    res.ready
      ? `  ${s.green('READY')}: no required item is missing (${satisfied} met${recommendedMissing ? `, ${recommendedMissing} recommended missing` : ''})`
      : `  ${s.red('MISSING')}: ${requiredMissing} required item${requiredMissing === 1 ? '' : 's'} missing (${satisfied} met${recommendedMissing ? `, ${recommendedMissing} recommended missing` : ''})`,
  );
  out.push(
    `  Denial reasons: ${res.reasons.map((x) => (x.from === 'codes' ? `${x.id} (from codes ${x.codes?.join(', ')})` : x.id)).join(', ') || 'none given'}`,
  );
  out.push(`  Rule sets: ${res.ruleSets.map((x) => `${x.id} ${x.version}`).join(', ') || 'none apply'}`);
  const groups: [string, Finding[], string][] = [
    ['Missing, required', res.findings.filter((f) => f.status === 'missing' && f.severity === 'required'), s.red('✗')],
    ['Missing, recommended', res.findings.filter((f) => f.status === 'missing' && f.severity === 'recommended'), s.yellow('!')],
    ['Met', res.findings.filter((f) => f.status === 'satisfied'), s.green('✓')],
  ];
  for (const [title, items, mark] of groups) {
    if (items.length === 0) continue;
    out.push('', `  ${s.bold(title)}`);
    for (const f of items) out.push(...findingBlock(f, s, mark, verbose));
  }
  return out.join('\n');
}

export const formatText: Formatter = (reports, options) => {
  const s = style(options.color);
  const body = reports.map((r) => formatCaseText(r, s, !!options.verbose)).join('\n\n');
  if (reports.length < 2) return body + '\n';
  return `${body}\n\n${textSummary(summarize(reports))}\n`;
};

/** The closing line of a text report of several cases. */
export function textSummary(t: { cases: number; ready: number; missing: number; invalid: number }): string {
  return `${t.cases} cases: ${t.ready} ready, ${t.missing} missing documentation, ${t.invalid} invalid`;
}
