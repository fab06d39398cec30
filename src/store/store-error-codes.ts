/** Stable error codes of the store layer: code -> one-line description (documented in README.md). */
export const STORE_ERROR_CODES = {} as const satisfies Record<`STORE_${string}`, string>;
