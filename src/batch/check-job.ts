/** The `check` job: each case file becomes a CaseReport. Rule sets load once per worker. */
import { checkFile } from '../api.js';
import type { CaseReport } from '../report/types.js';
import { loadRules } from '../rules/load.js';
import type { JobFactory } from './job.js';

export interface CheckJobOptions {
  /** User rule directories (the shipped rules are always loaded). */
  rulesDirs?: string[];
  /** Rule-set version pins: { idds: '2026.1' }. */
  pins?: Record<string, string>;
  /** "Today" for deadline arithmetic, YYYY-MM-DD. */
  asOf?: string;
}

export const checkJob: JobFactory<CheckJobOptions, CaseReport> = (options) => {
  const library = loadRules({ dirs: options.rulesDirs ?? [] });
  const pins = options.pins ?? {};
  return (file) => checkFile(file, library, { pins, asOf: options.asOf });
};
