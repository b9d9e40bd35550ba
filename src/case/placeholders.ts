/**
 * Placeholders left in a case file by `appeal init`: a required value nobody has given yet.
 * A text placeholder starts with TODO; a date or choice cannot hold text, so it carries a
 * stand-in value followed by a "# TODO" comment. Either way the file stays a valid case, and
 * `check` reports it as not ready until every placeholder is replaced.
 *
 * Only paths and positions are reported, never values (they may be health data).
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { CaseFindings, Finding } from '../rules/engine.js';
import type { Detail } from '../rules/predicates/types.js';
import { formatPath } from './locate.js';

export const PLACEHOLDER_PREFIX = 'TODO';

export interface Placeholder {
  /** Dotted path, e.g. `patient.date_of_birth`. */
  path: string;
  line?: number;
}

const isTodo = (s: unknown) => typeof s === 'string' && s.trimStart().startsWith(PLACEHOLDER_PREFIX);

/** The field paths of a document whose value is a placeholder, in document order. */
export function placeholderPaths(doc: Document): (string | number)[][] {
  const found: (string | number)[][] = [];
  const walk = (node: Node | null | undefined, path: (string | number)[]) => {
    if (!node) return;
    if (isMap(node)) {
      for (const pair of node.items) walk(pair.value as Node, [...path, isScalar(pair.key) ? String(pair.key.value) : '?']);
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item as Node, [...path, i]));
    } else if (isScalar(node) && (isTodo(node.value) || isTodo(node.comment))) {
      found.push(path);
    }
  };
  walk(doc.contents as Node, []);
  return found;
}

/** Placeholders in a case file's text (for init, which has the text before writing it). */
export function findPlaceholders(text: string): Placeholder[] {
  return placeholderPaths(parseDocument(text)).map((p) => ({ path: formatPath(p) }));
}

/**
 * Adds one required finding, `case.placeholders`, listing the placeholders: a case with
 * stand-in values is not ready, whatever the rule sets say.
 */
export function withPlaceholders(result: CaseFindings, placeholders: readonly Placeholder[]): CaseFindings {
  if (placeholders.length === 0) return result;
  const finding: Finding = {
    id: 'case.placeholders',
    ruleSet: { id: 'case', version: '1' },
    title: 'Placeholders left in the case file',
    severity: 'required',
    status: 'missing',
    answers: [],
    evidence: [],
    detail: placeholders.map((p): Detail => ({ code: 'case.placeholder', args: p.line ? { path: p.path, line: p.line } : { path: p.path } })),
    missing: `Replace each ${PLACEHOLDER_PREFIX} value below with the real one, and delete its "# ${PLACEHOLDER_PREFIX}" comment if it has one.`,
    argument: '',
    sources: [
      {
        id: 'appeal-init',
        citation: 'appeal init: stand-in values for required fields nobody has filled in yet',
        confidence: 'primary',
        verified: '2026-11-23',
      },
    ],
    confidence: 'primary',
  };
  return {
    ...result,
    findings: [finding, ...result.findings],
    summary: { ...result.summary, requiredMissing: result.summary.requiredMissing + 1 },
    ready: false,
  };
}
