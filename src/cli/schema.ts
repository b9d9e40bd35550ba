/** `appeal schema`: the JSON Schema of the case file, generated from the zod schema. */
import { caseJsonSchema } from '../case/json-schema.js';

export function runSchema(): number {
  process.stdout.write(JSON.stringify(caseJsonSchema(), null, 2) + '\n');
  return 0;
}
