/** The plan layer: YAML text in, checked and compiled plan set out (P14, R1, R2). */
export {
  type AnnouncementIndex,
  type AnnouncementStatus,
  announcementIndexOf,
} from './announcements/announcement-index.js';
export { buildAnnouncementIndex } from './announcements/build-announcement-index.js';
export { parseDuration } from './compile/duration.js';
export { SYSTEM_VARIABLES, templateVariables } from './compile/template-variables.js';
export { compilePlanSet, type LoadResult } from './compile-plan-set.js';
export { type Diagnostic, formatDiagnostic, hasErrors } from './diagnostic.js';
export { type LoadOptions, loadPlanSet } from './load-plan-set.js';
export { PLAN_ERROR_CODES, type PlanErrorCode } from './plan-error-codes.js';
export * from './types.js';
