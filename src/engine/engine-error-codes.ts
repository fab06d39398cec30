/** Stable error codes of the engine layer: code -> one-line description (documented in README.md). */
export const ENGINE_ERROR_CODES = {
  ENGINE_STEP_LIMIT:
    'A call took more than 200 steps through its plan; it was released (500) instead of looping',
  ENGINE_UNKNOWN_NUMBER: 'The called number belongs to no number group; the call was released with 404',
  ENGINE_UNKNOWN_NODE: 'A plan start or output names a node the compiled plan does not have (a compiler bug)',
  ENGINE_UNKNOWN_RESOURCE: 'A node names a resource the loaded plan set does not have (a compiler bug)',
  ENGINE_NO_EXECUTOR: 'A node type has no executor in the engine registry',
  ENGINE_NODE_FAILED: 'A node executor failed (store, table or media error); the call was released with 500',
  ENGINE_SIMULATE_USAGE: 'A `vms simulate` option is invalid (unknown outcome, bad --at time, bad --calls)',
  ENGINE_LIVE_PLANS_INVALID:
    '`vms serve` found errors in the plans (printed before it); the engine did not start',
} as const satisfies Record<`ENGINE_${string}`, string>;
