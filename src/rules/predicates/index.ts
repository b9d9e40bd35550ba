/**
 * The predicate vocabulary. Rule sets name these; each is one small module with a zod
 * schema for its parameters. Adding a predicate means adding a module and a line here.
 */
import type { Predicate } from './types.js';
import { documentPredicate } from './document.js';
import { medicationsPredicate } from './medications.js';
import { therapyPredicate } from './therapy.js';
import { frequencyPredicate, procedurePredicate, proceduresApartPredicate } from './procedures.js';
import { diagnosisPredicate } from './diagnosis.js';
import { measurePredicate } from './measure.js';
import { serviceCodePredicate } from './service-code.js';
import { denialCodePredicate } from './denial-code.js';
import { fieldPredicate } from './field.js';
import { allPredicate, anyPredicate, notPredicate } from './logic.js';
import { mmePredicate } from './mme.js';
import { visitsPredicate } from './visits.js';

export const PREDICATES: ReadonlyMap<string, Predicate<any>> = new Map(
  [
    documentPredicate,
    medicationsPredicate,
    therapyPredicate,
    procedurePredicate,
    proceduresApartPredicate,
    frequencyPredicate,
    diagnosisPredicate,
    measurePredicate,
    serviceCodePredicate,
    denialCodePredicate,
    fieldPredicate,
    mmePredicate,
    visitsPredicate,
    allPredicate,
    anyPredicate,
    notPredicate,
  ].map((p) => [p.name, p as Predicate<any>]),
);

export type { Predicate, PredicateResult, Evidence, Detail, CheckContext } from './types.js';
