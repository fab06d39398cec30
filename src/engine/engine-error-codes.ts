/** Stable error codes of the engine layer: code -> one-line description (documented in README.md). */
export const ENGINE_ERROR_CODES = {} as const satisfies Record<`ENGINE_${string}`, string>;
