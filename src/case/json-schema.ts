import { z } from 'zod';
import { CaseSchema } from './schema.js';

/** JSON Schema (draft 2020-12) of case format v1, for editors' completion and validation. */
export function caseJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(CaseSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    title: 'appeal case file, format v1',
    description: 'A denial of pain-management care and the evidence for its appeal. See the appeal README.',
  };
}
