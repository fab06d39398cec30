/** Stable error codes of the media layer: code -> one-line description (documented in README.md). */
export const MEDIA_ERROR_CODES = {} as const satisfies Record<`MEDIA_${string}`, string>;
