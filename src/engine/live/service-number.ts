/**
 * A number as the plans write it (E.164 with `+`) from a SIP URI user part: visual separators dropped
 * (RFC 3966 §5.1.1), user parameters cut, `00` or a bare national-looking digit string read as `+...`.
 * Anything else (`anonymous`) is kept as is.
 */
export function normaliseNumber(user: string | undefined): string {
  if (!user) return '';
  if (isPlusDigits(user)) return user; // the usual case, without a split or a regular expression
  const bare = (user.split(';')[0] ?? '').replace(/[-.() ]/g, '');
  if (/^\+\d+$/.test(bare)) return bare;
  if (/^00\d+$/.test(bare)) return `+${bare.slice(2)}`;
  if (/^\d+$/.test(bare)) return `+${bare}`;
  return bare;
}

/** `+` and one or more ASCII digits, nothing else. */
function isPlusDigits(text: string): boolean {
  if (text.length < 2 || text.charCodeAt(0) !== 43) return false;
  for (let i = 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
