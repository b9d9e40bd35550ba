/**
 * Writing a Case back to YAML: plain, human-readable, and read back by the loader as the
 * same Case (tested by property: test/property.test.ts). Used wherever the tool writes a
 * case (`appeal init`, migrations) and by tests.
 *
 * Strings that a YAML reader could take for something else stay strings: anything that
 * looks like a number, a boolean or null (`00451`, `1e5`, `true`, `~`), and every code and
 * identifier, are written in double quotes. Multi-line text is written as a block (`|`).
 */
import { Document, isScalar, Scalar, visit } from 'yaml';
import type { Case } from './schema.js';

/** Keys whose values are codes or identifiers: always quoted, whatever they look like. */
const CODE_KEYS = new Set(['member_id', 'group_number', 'npi', 'phone', 'codes', 'reference']);

/** True when a plain (unquoted) scalar with this text would not read back as this string. */
function needsQuotes(text: string): boolean {
  if (text === '' || text !== text.trim()) return true;
  // Numbers of every YAML spelling, booleans and nulls in any case, and anything starting
  // with a digit, sign or dot (codes such as 62362, dates are fine quoted too).
  if (/^[-+.\d]/.test(text)) return true;
  if (/^(true|false|yes|no|on|off|y|n|null|~)$/i.test(text)) return true;
  if (/^\.(inf|nan)$/i.test(text)) return true;
  return false;
}

export function caseToYaml(c: Case): string {
  const doc = new Document(c, { version: '1.2', schema: 'core' });
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const quoteAll = CODE_KEYS.has(key);
      const quote = (node: unknown) => {
        if (isScalar(node) && typeof node.value === 'string' && !node.value.includes('\n') && (quoteAll || needsQuotes(node.value))) {
          node.type = Scalar.QUOTE_DOUBLE;
        }
      };
      quote(pair.value);
      const value = pair.value as { items?: unknown[] } | null;
      if (value && Array.isArray(value.items)) for (const item of value.items) quote(item);
    },
    Scalar(_, node) {
      if (typeof node.value === 'string' && node.value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
    },
  });
  return doc.toString({ lineWidth: 0, indentSeq: true, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' });
}
