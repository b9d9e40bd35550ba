/**
 * Plan-specific wording: what each appeal level is called, the rules it is made under,
 * the document rights a records request invokes, and the deadline paragraph.
 *
 * Citations come from /work/shared/REFERENCE.md; a paragraph number the fact sheet marks
 * UNCONFIRMED is left out (the rule is named without it) so a letter never states it as
 * settled. The deadline is a seam: src/deadlines computes it; the caller passes it in.
 */
import type { AppealPathReport } from '../deadlines/compute.js';
import type { Case } from '../case/schema.js';
import { escapeInline } from './escape.js';
import { longDate } from './format.js';

export type PlanType = Case['plan']['type'];

/**
 * The minimal shape the letters need from the deadlines capability (computeAppealPath):
 * the next level's name, the date the request is due and, when known, how long the payer
 * has to decide. Wired at merge; letters render the paragraph only when it is given.
 */
export interface AppealDeadline {
  /** The level being requested, e.g. "internal appeal", "redetermination". */
  name: string;
  /** YYYY-MM-DD: the last day to file. */
  dueDate: string;
  /** How long the payer has to decide, in words, e.g. "30 days" or "72 hours". */
  decisionTime?: string;
  /** The rule that sets these times, e.g. "29 CFR 2560.503-1". */
  citation?: string;
}

/** The name of the request the `appeal` letter makes, by plan type. */
export function appealTitle(type: PlanType): string {
  switch (type) {
    case 'medicare':
      return 'Request for redetermination';
    case 'medicare-advantage':
    case 'fehb':
      return 'Request for reconsideration';
    default:
      return 'Request for internal appeal';
  }
}

/** The request as a noun phrase for a sentence: "to request an internal appeal of ...". */
export function appealNoun(type: PlanType): string {
  switch (type) {
    case 'medicare':
      return 'a redetermination';
    case 'medicare-advantage':
    case 'fehb':
      return 'reconsideration';
    default:
      return 'an internal appeal';
  }
}

export function externalReviewNoun(type: PlanType): string {
  switch (type) {
    case 'medicare':
      return 'reconsideration by the Qualified Independent Contractor';
    case 'medicare-advantage':
      return 'review by the Independent Review Entity';
    case 'medicaid':
      return 'a State fair hearing';
    case 'fehb':
      return 'review by the Office of Personnel Management';
    default:
      return 'an independent external review';
  }
}

/** The name of the independent review the `external-review` letter asks for, by plan type. */
export function externalReviewTitle(type: PlanType): string {
  switch (type) {
    case 'medicare':
      return 'Request for reconsideration by the Qualified Independent Contractor';
    case 'medicare-advantage':
      return 'Request for review by the Independent Review Entity';
    case 'medicaid':
      return 'Request for a State fair hearing';
    case 'fehb':
      return 'Request for review by the Office of Personnel Management';
    default:
      return 'Request for independent external review';
  }
}

/** The paragraph naming the rules an internal appeal is made under (plain text, no case values). */
export function appealRights(type: PlanType): string {
  switch (type) {
    case 'erisa':
      return (
        'This appeal is made under the plan\'s claims procedures and the Department of Labor claims regulation, 29 CFR 2560.503-1. ' +
        'I ask for a full and fair review that takes into account all of the information enclosed, by a reviewer who did not make the initial decision, ' +
        'in consultation with a health care professional with appropriate training and experience in pain medicine.'
      );
    case 'aca-individual':
      return (
        'This internal appeal is made under 45 CFR 147.136. I ask to review the claim file and to present evidence and testimony as part of the appeal (42 U.S.C. 300gg-19(a)), ' +
        'and I reserve the right to request an independent external review if the denial is upheld.'
      );
    case 'medicare':
      return 'This request for redetermination is made under 42 CFR part 405, subpart I.';
    case 'medicare-advantage':
      return 'This request for reconsideration of the organization determination is made under 42 CFR part 422, subpart M.';
    case 'medicaid':
      return 'This appeal of the adverse benefit determination is made under 42 CFR part 438, subpart F.';
    case 'fehb':
      return 'This request for reconsideration is made under 5 CFR 890.105.';
    default:
      return 'Please review this appeal under the plan\'s appeal procedures and any state law that applies to it.';
  }
}

/** The paragraph asking for an expedited decision, by plan type; the rules' own timeframes. */
export function expeditedRequest(type: PlanType): string {
  switch (type) {
    case 'erisa':
      return (
        'Please process this as an urgent care appeal. In the treating physician\'s judgment, waiting for a standard decision would leave the patient in severe pain that cannot be adequately managed without the requested treatment; ' +
        'the regulation requires a decision on an urgent care appeal within 72 hours (29 CFR 2560.503-1(i)(2)(i)).'
      );
    case 'aca-individual':
      return 'Please process this as an urgent appeal: waiting for a standard decision could seriously jeopardize the patient\'s health or ability to regain maximum function. An urgent appeal must be decided within 72 hours.';
    case 'medicare-advantage':
      return 'Please expedite this reconsideration. The treating physician supports an expedited review; when a physician requests or supports one, the plan must expedite it and decide within 72 hours.';
    case 'medicaid':
      return 'Please resolve this as an expedited appeal (42 CFR 438.410): the treating provider indicates that the standard timeframe could seriously jeopardize the patient\'s health or ability to regain maximum function. An expedited appeal must be resolved within 72 hours (42 CFR 438.408(b)(3)).';
    default:
      return 'Please process this request as urgent: waiting for a standard decision could seriously jeopardize the patient\'s health or ability to regain maximum function.';
  }
}

/**
 * The paragraph of the external-review letter giving the review's basis. Exhaustion is
 * stated only after a final internal denial; an urgent case at the first level asks for the
 * expedited review to run alongside the expedited internal appeal.
 */
export function externalReviewRights(type: PlanType, level: Case['denial']['level']): string {
  const exhausted = level !== 'initial';
  switch (type) {
    case 'erisa':
    case 'aca-individual':
      return (
        (exhausted
          ? 'The plan\'s internal appeal process is exhausted. '
          : 'Because the patient\'s condition is urgent, I ask that this expedited external review proceed at the same time as the expedited internal appeal. ') +
        'This request is made under 45 CFR 147.136 and the external review process that applies to this plan. ' +
        'The denial rests on medical necessity, a matter within the scope of external review, and the decision of the independent review organization binds the plan. ' +
        'If this request must be filed with a different office, please forward it, or tell me promptly where to send it.'
      );
    case 'medicare':
      return 'This request is made under 42 CFR part 405, subpart I (see 42 CFR 405.962).';
    case 'medicare-advantage':
      return 'An adverse reconsideration is forwarded to the Independent Review Entity; please forward this letter and its enclosures with the case file so that the reviewer has the complete record.';
    case 'medicaid':
      return 'This request is made under 42 CFR 438.408(f).';
    case 'fehb':
      return 'This request is made under 5 CFR 890.105.';
    default:
      return (exhausted ? 'The plan\'s internal appeal process is exhausted. ' : '') + 'This request is made under the external review process that applies to this plan.';
  }
}

/** The document rights a records request invokes, by plan type: [citation, what it gives]. */
export function documentRights(type: PlanType): string | undefined {
  switch (type) {
    case 'erisa':
      return (
        'Under 29 CFR 2560.503-1(h)(2)(iii), a claimant is entitled on request, free of charge, to reasonable access to and copies of all documents, records and other information relevant to the claim. ' +
        'Paragraph (m)(8) of the same section defines relevant information to include anything relied upon in making the determination, anything submitted, considered or generated in the course of making it, ' +
        'and anything that shows the plan followed its administrative safeguards.'
      );
    case 'aca-individual':
      return (
        'Under 45 CFR 147.136, which applies the Department of Labor claims procedure (29 CFR 2560.503-1) to this plan, a claimant is entitled on request, free of charge, ' +
        'to reasonable access to and copies of all documents, records and other information relevant to the claim, and to review the claim file.'
      );
    case 'medicaid':
      return 'Under 42 CFR part 438, subpart F (see 42 CFR 438.404(b)(2)), an enrollee is entitled, free of charge, to reasonable access to and copies of all documents, records and other information relevant to the adverse benefit determination, including the medical necessity criteria used.';
    default:
      // No document-access rule for this plan type is in our fact sheet: the request stands on its own.
      return undefined;
  }
}

/** The deadline paragraph, only when the deadlines capability supplied one. */
export function deadlineParagraph(deadline: AppealDeadline | undefined): string | undefined {
  if (!deadline) return undefined;
  const decide = deadline.decisionTime
    ? ` Please send a written decision within ${escapeInline(deadline.decisionTime)}${deadline.citation ? `, as ${escapeInline(deadline.citation)} requires` : ''}.`
    : '';
  return `This ${escapeInline(deadline.name)} is filed within the time allowed, which ends on ${longDate(deadline.dueDate)}.${decide}`;
}

/**
 * The seam to the deadlines capability: the paragraph's facts from the computed appeal path.
 * Only an open deadline is stated (a letter must never say it is on time when it is not),
 * and a decision time is stated only when its rule is not unconfirmed.
 */
export function deadlineFromPath(report: AppealPathReport, letterDate: string): AppealDeadline | undefined {
  const next = report.next;
  if (!next.dueDate || next.filing !== 'window') return undefined;
  if (next.status !== 'open' && next.status !== 'due-soon') return undefined;
  if (letterDate > next.dueDate) return undefined;
  const decision = next.decisionTime && next.confidence !== 'unconfirmed' ? next.decisionTime.text : undefined;
  return { name: lowerFirst(next.name), dueDate: next.dueDate, ...(decision ? { decisionTime: decision } : {}) };
}

function lowerFirst(text: string): string {
  // "Internal appeal to the plan" reads mid-sentence as "internal appeal to the plan"; keep acronyms.
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
