import { randomBytes } from 'node:crypto';

/** RFC 3261 magic cookie: branches starting with it are unique per transaction (§8.1.1.7). */
export const BRANCH_COOKIE = 'z9hG4bK';

/** A new Via branch: the magic cookie plus 72 random bits, token characters only. */
export function generateBranch(): string {
  return BRANCH_COOKIE + randomBytes(9).toString('base64url');
}

/** A new From/To tag: 64 random bits (§19.3 asks for at least 32). */
export function generateTag(): string {
  return randomBytes(8).toString('hex');
}

/** A new Call-ID: 128 random bits, globally unique (§8.1.1.4). */
export function generateCallId(): string {
  return randomBytes(16).toString('hex');
}
