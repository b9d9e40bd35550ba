import type { Diagnostic } from '../diagnostic.js';
import type { CaseFindings } from '../rules/engine.js';
import type { AppealPathReport } from '../deadlines/compute.js';

/** One case's outcome in a `check` run: either findings, or the reasons it could not be read. */
export interface CaseReport {
  file: string;
  status: 'ready' | 'missing' | 'invalid';
  /** Present when the case was read. */
  result?: CaseFindings;
  /** Present when status is invalid. */
  diagnostics?: Diagnostic[];
  /** The appeal path: next level, due date, days left (see docs/deadlines.md). */
  deadline?: AppealPathReport;
  treatment?: string;
  reference?: string;
}

export interface FormatOptions {
  color: boolean;
  verbose?: boolean;
}

export type Formatter = (reports: readonly CaseReport[], options: FormatOptions) => string;
