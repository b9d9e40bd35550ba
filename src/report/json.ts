/**
 * `check --format json`: the stable, documented structure (docs/json-output.md).
 * Field names and meanings only ever grow; `formatVersion` changes if one must change.
 */
import type { CaseReport, Formatter } from './types.js';
import { describeDetail } from './wording.js';

export const JSON_FORMAT_VERSION = 1;

export function caseToJson(r: CaseReport) {
  return {
    file: r.file,
    status: r.status,
    ...(r.treatment ? { treatment: r.treatment } : {}),
    ...(r.reference ? { reference: r.reference } : {}),
    ...(r.deadline !== undefined ? { deadline: r.deadline } : {}),
    ...(r.result
      ? {
          ready: r.result.ready,
          summary: r.result.summary,
          reasons: r.result.reasons,
          ruleSets: r.result.ruleSets,
          findings: r.result.findings.map((f) => ({
            id: f.id,
            ruleSet: f.ruleSet,
            title: f.title,
            severity: f.severity,
            status: f.status,
            answers: f.answers,
            confidence: f.confidence,
            evidence: f.evidence,
            detail: f.detail.map((d) => ({ ...d, message: describeDetail(d) })),
            missing: f.missing,
            sources: f.sources.map((s) => ({ id: s.id, citation: s.citation, ...(s.url ? { url: s.url } : {}), confidence: s.confidence, verified: s.verified })),
          })),
        }
      : {}),
    ...(r.diagnostics ? { diagnostics: r.diagnostics } : {}),
  };
}

export function summarize(reports: readonly CaseReport[]) {
  return {
    cases: reports.length,
    ready: reports.filter((r) => r.status === 'ready').length,
    missing: reports.filter((r) => r.status === 'missing').length,
    invalid: reports.filter((r) => r.status === 'invalid').length,
  };
}

export const formatJson: Formatter = (reports) =>
  JSON.stringify({ formatVersion: JSON_FORMAT_VERSION, summary: summarize(reports), cases: reports.map(caseToJson) }, null, 2) + '\n';
