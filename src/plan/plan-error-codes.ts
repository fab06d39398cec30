/** Stable error codes of the plan layer: code -> one-line description (documented in README.md). */
export const PLAN_ERROR_CODES = {} as const satisfies Record<`PLAN_${string}`, string>;
