/** Stable error codes of the config layer: code -> one-line description (documented in README.md). */
export const CONFIG_ERROR_CODES = {
  CONFIG_INVALID: 'an environment variable or option has a value the engine cannot use',
} as const satisfies Record<`CONFIG_${string}`, string>;
