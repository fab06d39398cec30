/**
 * A number as the plans write it (E.164 with `+`) from a SIP URI user part: visual separators dropped
 * (RFC 3966 §5.1.1), user parameters cut, `00` or a bare national-looking digit string read as `+...`.
 * Anything else (`anonymous`) is kept as is.
 */
export function normaliseNumber(user: string | undefined): string {
  if (!user) return '';
  const bare = (user.split(';')[0] ?? '').replace(/[-.() ]/g, '');
  if (/^\+\d+$/.test(bare)) return bare;
  if (/^00\d+$/.test(bare)) return `+${bare.slice(2)}`;
  if (/^\d+$/.test(bare)) return `+${bare}`;
  return bare;
}
