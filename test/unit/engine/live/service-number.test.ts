import { describe, expect, it } from 'vitest';
import { normaliseNumber } from '../../../../src/engine/live/service-number.js';

describe('normaliseNumber', () => {
  it.each([
    ['+3278000001', '+3278000001'],
    ['3278000001', '+3278000001'],
    ['003278000001', '+3278000001'],
    ['+32-78-00.00(01)', '+3278000001'],
    ['+3278000001;npdi', '+3278000001'],
    ['+', '+'],
    ['+32 78', '+3278'],
    ['anonymous', 'anonymous'],
    [undefined, ''],
  ])('reads %s as %s', (user, expected) => {
    expect(normaliseNumber(user)).toBe(expected);
  });
});
