/**
 * Every stable error code, by layer. Each layer owns one file of codes; this file only gathers them.
 * A unit test checks that codes are unique and documented in README.md.
 * Convention: LAYER_WHAT_WENT_WRONG, upper snake case.
 */
import { CONFIG_ERROR_CODES } from '../config/config-error-codes.js';
import { ENGINE_ERROR_CODES } from '../engine/engine-error-codes.js';
import { MEDIA_ERROR_CODES } from '../media/media-error-codes.js';
import { PLAN_ERROR_CODES } from '../plan/plan-error-codes.js';
import { RESOURCES_ERROR_CODES } from '../resources/resources-error-codes.js';
import { SIP_ERROR_CODES } from '../sip/sip-error-codes.js';
import { STORE_ERROR_CODES } from '../store/store-error-codes.js';

export const ERROR_CODES = {
  ...CONFIG_ERROR_CODES,
  ...PLAN_ERROR_CODES,
  ...ENGINE_ERROR_CODES,
  ...STORE_ERROR_CODES,
  ...RESOURCES_ERROR_CODES,
  ...SIP_ERROR_CODES,
  ...MEDIA_ERROR_CODES,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
