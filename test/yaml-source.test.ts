import { describe, expect, it } from 'vitest';
import { InputError } from '../src/diagnostic.js';
import { parseYamlSource } from '../src/yaml-source.js';

function diagnosticsOf(text: string) {
  try {
    parseYamlSource(text, 'rules.yaml');
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics;
    throw e;
  }
  return [];
}

describe('parseYamlSource nesting guard', () => {
  it('refuses deeply nested flow input before parsing, with its position', () => {
    const d = diagnosticsOf(`id: x\ncheck: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(d.map((x) => [x.code, x.line])).toEqual([['too-deep', 2]]);
    expect(d[0]!.column).toBeGreaterThan(8);
  });
  it('refuses deep block nesting too, and survives doing it repeatedly in one process', () => {
    const block = Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
    for (let i = 0; i < 3; i++) expect(diagnosticsOf(block).map((x) => x.code)).toEqual(['too-deep']);
  });
  it('accepts ordinary nesting', () => {
    const { value } = parseYamlSource('a:\n  b: [[1, 2], { c: [3] }]\n', 'ok.yaml');
    expect(value).toEqual({ a: { b: [[1, 2], { c: [3] }] } });
  });
});
