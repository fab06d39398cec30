import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_ERROR_CODES } from '../../../src/config/config-error-codes.js';
import { ENGINE_ERROR_CODES } from '../../../src/engine/engine-error-codes.js';
import { ERROR_CODES } from '../../../src/errors/codes.js';
import { MEDIA_ERROR_CODES } from '../../../src/media/media-error-codes.js';
import { PLAN_ERROR_CODES } from '../../../src/plan/plan-error-codes.js';
import { RESOURCES_ERROR_CODES } from '../../../src/resources/resources-error-codes.js';
import { SIP_ERROR_CODES } from '../../../src/sip/sip-error-codes.js';
import { STORE_ERROR_CODES } from '../../../src/store/store-error-codes.js';

const layers = [
  CONFIG_ERROR_CODES,
  ENGINE_ERROR_CODES,
  MEDIA_ERROR_CODES,
  PLAN_ERROR_CODES,
  RESOURCES_ERROR_CODES,
  SIP_ERROR_CODES,
  STORE_ERROR_CODES,
];

describe('error codes', () => {
  it('are unique across layers (no layer silently overrides another)', () => {
    const total = layers.reduce((n, codes) => n + Object.keys(codes).length, 0);
    expect(Object.keys(ERROR_CODES)).toHaveLength(total);
  });

  it('are each documented in README.md with their description', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');
    const missing = Object.keys(ERROR_CODES).filter((code) => !readme.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it('follow LAYER_WHAT_WENT_WRONG in upper snake case', () => {
    for (const code of Object.keys(ERROR_CODES)) expect(code).toMatch(/^[A-Z]+(_[A-Z0-9]+)+$/);
  });
});
