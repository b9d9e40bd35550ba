/** The letterhead config file: a small YAML mapping, validated with line:column errors. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from '../diagnostic.js';
import { parseYamlSource, validateWith } from '../yaml-source.js';
import type { Letterhead } from './types.js';

const text = z.string().min(1, { message: 'a non-empty text' });

export const LetterheadSchema = z.strictObject({
  name: text,
  address: text.optional(),
  phone: text.optional(),
  fax: text.optional(),
  email: text.optional(),
  logo: text.optional(),
});

const KEYS = Object.keys(LetterheadSchema.shape);

/** Reads FILE.yaml; `logo` is resolved relative to the file. */
export function loadLetterhead(file: string): Letterhead {
  let input: string;
  try {
    input = readFileSync(file, 'utf8');
  } catch {
    throw new InputError([{ code: 'file-unreadable', file, message: 'cannot read the letterhead file' }]);
  }
  const { source, value } = parseYamlSource(input, file);
  const lh = validateWith(LetterheadSchema, value, source, () => KEYS);
  return { ...lh, logo: lh.logo ? resolve(dirname(file), lh.logo) : undefined };
}
