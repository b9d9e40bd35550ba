/** Appeal levels and due dates per plan type, from the tables in rules/deadlines/. */
export {
  computeAppealPath,
  amountInControversy,
  DUE_SOON_DAYS,
  type AppealPathReport,
  type NextStep,
  type LaterStep,
  type DecisionTime,
  type CountsFrom,
  type WindowInfo,
  type Reading,
  type SideDeadline,
  type SourceRef,
  type AmountInControversy,
  type DeadlineStatus,
  type CaseLevel,
} from './compute.js';
export { loadDeadlines, selectPath, readDeadlineFile, SHIPPED_DEADLINES_DIR, type DeadlineLibrary, type AppealPath, type AicTable } from './load.js';
export { formatDeadlineText, shortCitation, describeDecision, statusMarker, daysLeftText, laterWindowText } from './format.js';
export { addMonths, addBusinessDays, addCalendarDays, addWindow, daysInMonth, isLeapYear, weekday, weekdayName, describeDuration } from './calendar.js';
