/**
 * Check expressions: `{ predicateName: params }`. Validation walks nested checks so a rule
 * file's mistakes are reported with their exact path; evaluation dispatches to predicates.
 */
import { closest } from '../diagnostic.js';
import { PREDICATES } from './predicates/index.js';
import type { CheckContext, PredicateResult } from './predicates/types.js';
import type { Case } from '../case/schema.js';

export interface CheckProblem {
  /** Path inside the rule file, e.g. ['requirements', 2, 'check', 'all', 0]. */
  path: (string | number)[];
  code: 'check-shape' | 'unknown-predicate' | 'predicate-params' | 'unsafe-pattern';
  message: string;
  hint?: string;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Every problem in a check expression (empty when it is valid). */
export function validateCheck(expr: unknown, path: (string | number)[] = []): CheckProblem[] {
  if (!isPlainObject(expr) || Object.keys(expr).length !== 1) {
    return [{ path, code: 'check-shape', message: 'a check is a mapping with exactly one predicate name, e.g. { document: { kind: psych-eval } }' }];
  }
  const [name, params] = Object.entries(expr)[0]!;
  const predicate = PREDICATES.get(name);
  if (!predicate) {
    const guess = closest(name, [...PREDICATES.keys()]);
    return [
      {
        path: [...path, name],
        code: 'unknown-predicate',
        message: `unknown predicate \`${name}\``,
        hint: guess ? `did you mean \`${guess}\`?` : `known predicates: ${[...PREDICATES.keys()].join(', ')}`,
      },
    ];
  }
  const parsed = predicate.params.safeParse(params);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({
      path: [...path, name, ...(issue.path as (string | number)[])],
      // A parameter schema may name its own code (e.g. `unsafe-pattern` for a refused regex).
      code: issue.code === 'custom' && issue.params?.code === 'unsafe-pattern' ? ('unsafe-pattern' as const) : ('predicate-params' as const),
      message: `${name}: ${issue.message}`,
    }));
  }
  const children = predicate.children?.(parsed.data) ?? [];
  const childBase = [...path, name];
  return children.flatMap((child, i) =>
    validateCheck(child, Array.isArray(params) ? [...childBase, i] : childBase),
  );
}

// Parameters are parsed once per rule, not once per case: rule sets are shared by every
// case of a batch, so the parsed form is cached against the (immutable) params object.
const parsedParams = new WeakMap<object, unknown>();

function parsedFor(name: string, params: unknown): unknown {
  if (params === null || typeof params !== 'object') return PREDICATES.get(name)!.params.parse(params);
  let parsed = parsedParams.get(params);
  if (parsed === undefined) {
    parsed = PREDICATES.get(name)!.params.parse(params);
    parsedParams.set(params, parsed);
  }
  return parsed;
}

/** Evaluates a check that validateCheck has accepted. */
export function evaluateCheck(expr: unknown, c: Case, dates: { denialDate: string; serviceDate: string }): PredicateResult {
  const ctx: CheckContext = {
    case: c,
    denialDate: dates.denialDate,
    serviceDate: dates.serviceDate,
    evaluate: (child) => run(child),
  };
  function run(e: unknown): PredicateResult {
    const [name, params] = Object.entries(e as Record<string, unknown>)[0]!;
    return PREDICATES.get(name)!.evaluate(parsedFor(name, params), ctx);
  }
  return run(expr);
}

/** A one-line human summary of a check, for `appeal rules show`. */
export function summarizeCheck(expr: unknown): string {
  const [name, params] = Object.entries(expr as Record<string, unknown>)[0]!;
  const predicate = PREDICATES.get(name);
  if (!predicate) return name;
  return predicate.summarize(predicate.params.parse(params), summarizeCheck);
}
