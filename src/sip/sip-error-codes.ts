/** Stable error codes of the sip layer: code -> one-line description (documented in README.md). */
export const SIP_ERROR_CODES = {} as const satisfies Record<`SIP_${string}`, string>;
