import { expect, test } from 'vitest';
import { generateBranch, generateCallId, generateTag } from '../../../../src/sip/message/index.js';

// Enough ids to refill the shared random pool several times (4 KiB, 9 + 8 + 16 bytes per round).
const ROUNDS = 1000;

test('ids drawn across several refills of the random pool are all distinct and well formed', () => {
  const seen = new Set<string>();
  for (let i = 0; i < ROUNDS; i++) {
    const branch = generateBranch();
    const tag = generateTag();
    const callId = generateCallId();
    expect(branch).toMatch(/^z9hG4bK[A-Za-z0-9_-]{12}$/);
    expect(tag).toMatch(/^[0-9a-f]{16}$/);
    expect(callId).toMatch(/^[0-9a-f]{32}$/);
    seen.add(branch).add(tag).add(callId);
  }
  expect(seen.size).toBe(ROUNDS * 3);
});
