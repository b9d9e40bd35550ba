import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marked, type Token } from 'marked';
import { describe, expect, it } from 'vitest';
import { loadCaseFile } from '../src/case/load.js';
import { escapeInline, escapeLines } from '../src/letters/escape.js';
import { LetterError } from '../src/letters/errors.js';
import { checkResolved, defaultKind, renderLetter } from '../src/letters/render.js';
import { CHART_MARKER, LETTER_KINDS } from '../src/letters/types.js';
import { checkCase } from '../src/rules/engine.js';
import { loadRules } from '../src/rules/load.js';
import { makeCase } from './helpers/case.js';
import { InputError } from '../src/diagnostic.js';
import { renderCaseLetter } from '../src/letters/case-letter.js';

const library = loadRules();
const reasonTitles = Object.fromEntries(library.reasons.reasons.map((r) => [r.id, r.title]));
// Every shipped example, so a change to any rule, template or helper shows in a golden diff.
const EXAMPLES = readdirSync('examples')
  .filter((n) => n.endsWith('.yaml'))
  .map((n) => n.replace(/\.yaml$/, ''))
  .sort();
const DATE = '2026-11-23';

async function example(name: string) {
  const { case: c } = await loadCaseFile(join('examples', `${name}.yaml`));
  return { c, findings: checkCase(c, library) };
}

/** The text a reader sees: every text/escape token's text, in order. */
function visibleText(markdown: string): string {
  const out: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      const tt = t as Token & { tokens?: Token[]; text?: string; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][]; items?: Token[] };
      if (tt.type === 'table') {
        for (const h of tt.header ?? []) walk(h.tokens);
        for (const row of tt.rows ?? []) for (const cell of row) walk(cell.tokens);
      } else if (tt.items) walk(tt.items);
      else if (tt.tokens) walk(tt.tokens);
      else if (tt.type === 'text' || tt.type === 'escape' || tt.type === 'codespan') out.push(tt.text ?? '');
      else if (tt.type === 'html') out.push(`<HTML:${tt.text}>`);
    }
  };
  walk(marked.lexer(markdown));
  return out.join('');
}

describe('golden letters', () => {
  for (const name of EXAMPLES) {
    for (const kind of LETTER_KINDS) {
      it(`${name}.${kind}`, async () => {
        let { c } = await example(name);
        if (kind === 'external-review') {
          // Every shipped example is an initial denial, where external review does not apply
          // yet (tested below); the golden shows the letter after a final internal denial.
          c = { ...c, denial: { ...c.denial, level: 'internal-appeal' } };
        }
        const golden = join('test', 'golden', `${name}.${kind}.md`);
        let actual: string;
        try {
          // As `appeal render` writes it: findings, and the deadline as of the letter date.
          actual = renderCaseLetter(c, library, { kind, date: DATE }).markdown;
        } catch (e) {
          if (!(e instanceof LetterError)) throw e;
          actual = `ERROR ${e.code}: ${e.message}\n`;
        }
        if (process.env.UPDATE_GOLDEN) writeFileSync(golden, actual);
        expect(existsSync(golden), `${golden} missing; run with UPDATE_GOLDEN=1`).toBe(true);
        expect(actual).toBe(readFileSync(golden, 'utf8'));
      });
    }
  }
});

describe('letters', () => {
  it('is deterministic', async () => {
    const { c, findings } = await example('idds-complete');
    const a = renderLetter(c, findings, { date: DATE, reasonTitles });
    const b = renderLetter(structuredClone(c), checkCase(c, library), { date: DATE, reasonTitles });
    expect(a.markdown).toBe(b.markdown);
    expect(a.chart).toEqual(b.chart);
  });

  it('gives every denial reason its own section', async () => {
    const { c } = await example('idds-complete');
    const multi = { ...c, denial: { ...c.denial, reasons: ['not-medically-necessary', 'trial-required', 'step-therapy'] as typeof c.denial.reasons } };
    const letter = renderLetter(multi, checkCase(multi, library), { kind: 'appeal', date: DATE, reasonTitles });
    expect(letter.markdown).toMatch(/^## 1\. Denial ground: Not medically necessary$/m);
    expect(letter.markdown).toMatch(/^## 2\. Denial ground: Trial required first$/m);
    expect(letter.markdown).toMatch(/^## 3\. Denial ground: Other treatments must be tried first/m);
    // A finding argued once is referred back to, not repeated.
    expect(letter.markdown).toContain('see section 1 above');
  });

  it('refuses an arguing letter for a reason with no satisfied requirement, and names what to gather', async () => {
    const { c, findings } = await example('idds-missing-psych');
    const final = { ...c, denial: { ...c.denial, level: 'internal-appeal' as const } };
    for (const kind of ['appeal', 'medical-necessity', 'external-review', 'step-therapy-exception'] as const) {
      const err = (() => {
        try {
          renderLetter(final, findings, { kind, date: DATE });
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(LetterError);
      expect((err as LetterError).code).toBe('reason-unanswered');
      expect((err as LetterError).hint).toContain('psychological evaluation');
    }
    // The records request and the peer-to-peer sheet are still written; the sheet lists the gap.
    expect(renderLetter(c, findings, { kind: 'records-request', date: DATE }).markdown).toContain('free of charge');
    const sheet = renderLetter(c, findings, { kind: 'peer-to-peer', date: DATE });
    expect(sheet.markdown).toMatch(/Not documented yet[\s\S]*Pre-implant psychological evaluation/);
    expect(sheet.gaps.map((g) => g.id)).toEqual(['idds.psych-eval']);
  });

  it('refuses external review after an initial denial unless the case is urgent', async () => {
    const { c, findings } = await example('idds-complete');
    expect(() => renderLetter(c, findings, { kind: 'external-review', date: DATE })).toThrow(expect.objectContaining({ code: 'kind-not-applicable' }));
    const urgent = { ...c, denial: { ...c.denial, urgent: true } };
    const letter = renderLetter(urgent, checkCase(urgent, library), { kind: 'external-review', date: DATE });
    expect(letter.markdown).toContain('at the same time as the expedited internal appeal');
    expect(letter.markdown).toContain('72 hours');
    expect(letter.markdown).not.toContain('is exhausted');
  });

  it('refuses a reason the case has no evidence for, saying what to gather', () => {
    const c = makeCase({ denial: { date: '2026-10-03', reference: 'R', stage: 'pre-service', level: 'initial', reasons: ['out-of-network'] } });
    expect(() => renderLetter(c, checkCase(c, library), { date: DATE })).toThrow(/`out-of-network` has no/);
  });

  it('refuses a reason that no rule set answers', () => {
    const c = makeCase({ denial: { date: '2026-10-03', reference: 'R', stage: 'pre-service', level: 'initial', reasons: ['out-of-network'] } });
    const withoutReasonSets = { ...library, ruleSets: library.ruleSets.filter((s) => s.applies.treatments?.length) };
    expect(() => renderLetter(c, checkCase(c, withoutReasonSets), { date: DATE })).toThrow(/not addressed by any rule set/);
  });

  it('never claims a missing required item: the request does not say the criteria are met', async () => {
    const { c, findings } = await example('esi-repeat-over-cap');
    const letter = renderLetter(c, findings, { kind: 'appeal', date: DATE });
    expect(letter.gaps.map((g) => g.id)).toContain('esi.frequency-cap');
    expect(letter.markdown).not.toContain('the records meet the coverage criteria');
    expect(letter.markdown).not.toContain(findings.findings.find((f) => f.id === 'esi.frequency-cap')!.argument.slice(0, 40));
  });

  it('words a point resting only on unconfirmed sources cautiously and never cites them', async () => {
    const { c, findings } = await example('idds-complete');
    const md = renderLetter(c, findings, { date: DATE }).markdown;
    const line = md.split('\n').find((l) => l.includes('full course of conservative therapy without'))!;
    expect(line.startsWith("Many plans' policies also ask about this point")).toBe(true);
    expect(line).not.toContain('(ref.');
    expect(md).not.toMatch(/no source found/i);
    expect(md).not.toMatch(/policy requires|plan requires/i);
  });

  it('chooses the default kind from the denial level', () => {
    expect(defaultKind(makeCase())).toBe('appeal');
    const c = makeCase({ denial: { date: '2026-10-03', reference: 'R', stage: 'pre-service', level: 'internal-appeal', reasons: ['not-medically-necessary'] } });
    expect(defaultKind(c)).toBe('external-review');
  });

  it('puts the chart marker in the letter and the points in letter.chart', async () => {
    const { c, findings } = await example('idds-complete');
    const letter = renderLetter(c, findings, { date: DATE });
    expect(letter.markdown.split('\n')).toContain(CHART_MARKER);
    expect(letter.chart.length).toBeGreaterThan(2);
    expect(letter.chart.map((p) => p.date)).toEqual([...letter.chart.map((p) => p.date)].sort());
  });

  it('renders the deadline paragraph only when a deadline is given', async () => {
    const { c, findings } = await example('idds-complete');
    expect(renderLetter(c, findings, { date: DATE }).markdown).not.toContain('time allowed');
    const withDeadline = renderLetter(c, findings, { date: DATE, deadline: { name: 'internal appeal', dueDate: '2027-04-17', decisionTime: '30 days', citation: '29 CFR 2560.503-1(i)(2)(ii)' } });
    expect(withDeadline.markdown).toContain('which ends on April 17, 2027');
  });
});

describe('Markdown escaping', () => {
  it('keeps O\'Brien & Sons <Group> exactly, with no HTML entities', () => {
    const md = escapeInline("O'Brien & Sons <Group>");
    expect(md).not.toMatch(/&amp;|&#|&lt;/);
    expect(visibleText(md)).toBe("O'Brien & Sons <Group>");
  });

  it.each([
    '# Heading',
    '- item',
    '+ item',
    '1. item',
    '> quote',
    '*bold* and _em_',
    '`code`',
    '[link](http://evil.example)',
    'see https://evil.example or www.evil.example',
    '<script>alert(1)</script>',
    'a | b | c',
    '~~gone~~',
    '&copy; &#169;',
    '===',
    '---',
    'line one\n# two\n- three',
    'back\\slash',
    CHART_MARKER,
  ])('a value %j stays plain text', (value) => {
    const md = `Name: ${escapeInline(value)}`;
    const tokens = marked.lexer(md);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.type).toBe('paragraph');
    expect(visibleText(md)).toBe(`Name: ${value.replace(/\s+/g, ' ').trim()}`);
    // At the start of a line too.
    const lead = marked.lexer(escapeInline(value));
    expect(lead.map((t) => t.type)).toEqual(['paragraph']);
  });

  it('keeps a table intact when a cell value holds pipes and newlines', () => {
    const md = `| a | b |\n|---|---|\n| ${escapeInline('x | y\n| z')} | ok |\n`;
    const table = marked.lexer(md)[0] as Token & { rows: { text: string }[][] };
    expect(table.type).toBe('table');
    expect(table.rows[0]).toHaveLength(2);
    expect(visibleText(md)).toContain('x | y | z');
  });

  it('keeps address lines as lines', () => {
    expect(escapeLines('1 Main St\n# Apt 2')).toBe('1 Main St\\\n\\# Apt 2');
  });

  it('escapes hostile values everywhere in a real letter', async () => {
    const { c } = await example('idds-complete');
    const hostile = structuredClone(c);
    hostile.patient.name = "O'Brien & Sons <Group>";
    hostile.plan.member_id = '# 1. | *x*';
    hostile.history!.medications![0]!.notes = 'pain | 9/10\n## Injected heading\n- item';
    hostile.documents![0]!.title = '[click](http://evil.example) <!-- chart: pain-scores -->';
    const letter = renderLetter(hostile, checkCase(hostile, library), { date: DATE });
    const tokens = marked.lexer(letter.markdown);
    const headings = tokens.filter((t) => t.type === 'heading').map((t) => (t as Token & { text: string }).text);
    expect(headings.some((h) => h.includes('Injected'))).toBe(false);
    expect(letter.markdown.split('\n').filter((l) => l === CHART_MARKER)).toHaveLength(1);
    expect(visibleText(letter.markdown)).toContain("O'Brien & Sons <Group>");
    expect(visibleText(letter.markdown)).toContain('pain | 9/10 ## Injected heading - item');
    const table = tokens.find((t) => t.type === 'table') as Token & { header: unknown[]; rows: unknown[][] };
    expect(table.rows.every((r) => r.length === table.header.length)).toBe(true);
    expect(JSON.stringify(tokens)).not.toContain('"type":"link"');
  });
});

describe('templates', () => {
  function overrideDir(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'appeal-tpl-'));
    mkdirSync(join(dir, 'partials'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  it('a template reading a missing field is an error (strict mode)', () => {
    const c = makeCase();
    const dir = overrideDir({ 'records-request.md.hbs': 'Hello {{patient.nickname}}\n' });
    // The template is the user's input: an invalid-input error located in it, not a failed letter.
    let error: unknown;
    try {
      renderLetter(c, checkCase(c, library), { kind: 'records-request', date: DATE, templatesDir: dir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).diagnostics[0]).toMatchObject({ code: 'template-field', file: join(dir, 'records-request.md.hbs'), line: 1 });
    expect((error as InputError).diagnostics[0]!.message).toContain('nickname');
  });

  it('overrides a template and a partial by name', async () => {
    const { c, findings } = await example('idds-complete');
    const dir = overrideDir({ 'partials/signature.md.hbs': 'Yours,\n\n{{patient.name}} (custom)\n' });
    expect(renderLetter(c, findings, { date: DATE, templatesDir: dir }).markdown).toContain('Margaret A. Ellison (custom)');
  });

  it('does not read prototype properties', () => {
    const c = makeCase();
    const dir = overrideDir({ 'records-request.md.hbs': 'A{{patient.constructor}}B{{patient.__proto__}}C\n' });
    expect(renderLetter(c, checkCase(c, library), { kind: 'records-request', date: DATE, templatesDir: dir }).markdown).toBe('ABC\n');
  });

  it('an unresolved placeholder is an error', () => {
    expect(() => checkResolved('Dear {{name}}\n')).toThrow(/unresolved/);
    expect(() => checkResolved('TODO: fill in\n')).toThrow(LetterError);
    expect(() => checkResolved('Patient: undefined\n')).toThrow(LetterError);
    expect(() => checkResolved('Patient: [object Object]\n')).toThrow(LetterError);
    expect(() => checkResolved('All good.\n')).not.toThrow();
    const c = makeCase();
    const dir = overrideDir({ 'records-request.md.hbs': 'Dear \\{{name}}\n' });
    expect(() => renderLetter(c, checkCase(c, library), { kind: 'records-request', date: DATE, templatesDir: dir })).toThrow(/unresolved/);
  });
});

describe('template overrides stay in their directory', () => {
  it('ignores files that are not <name>.md.hbs and symlinks that leave the directory', async () => {
    const { symlinkSync } = await import('node:fs');
    const outside = mkdtempSync(join(tmpdir(), 'appeal-outside-'));
    writeFileSync(join(outside, 'signature.md.hbs'), 'STOLEN\n');
    const dir = mkdtempSync(join(tmpdir(), 'appeal-tpl-'));
    mkdirSync(join(dir, 'partials'));
    symlinkSync(join(outside, 'signature.md.hbs'), join(dir, 'partials', 'signature.md.hbs'));
    writeFileSync(join(dir, 'partials', '..evil.md.hbs'), 'EVIL\n');
    writeFileSync(join(dir, 'Appeal.MD.HBS'), 'EVIL\n');
    const { c, findings } = await example('idds-complete');
    const md = renderLetter(c, findings, { date: DATE, templatesDir: dir }).markdown;
    expect(md).not.toContain('STOLEN');
    expect(md).not.toContain('EVIL');
    expect(md).toBe(renderLetter(c, findings, { date: DATE }).markdown);
  });

  it('a missing templates directory is invalid input', async () => {
    const { c, findings } = await example('idds-complete');
    expect(() => renderLetter(c, findings, { date: DATE, templatesDir: join(tmpdir(), 'no-such-dir-appeal') })).toThrow(expect.objectContaining({ name: 'InputError' }));
  });
});
