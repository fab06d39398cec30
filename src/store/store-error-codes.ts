/** Stable error codes of the store layer: code -> one-line description (documented in README.md). */
export const STORE_ERROR_CODES = {
  STORE_UNAVAILABLE:
    'The shared store (Redis) cannot be reached or refused the operation; nothing was counted',
  STORE_BAD_REPLY: 'The shared store answered with a reply of an unexpected shape (wrong server or script)',
  STORE_INVALID_ARGUMENT:
    'A store operation was called with a limit, length or lease that is not a valid number',
} as const satisfies Record<`STORE_${string}`, string>;
