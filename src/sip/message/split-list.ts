/**
 * Splits a comma-separated header value into its elements (§7.3.1), ignoring commas inside quoted strings
 * (with `\` escapes, §25.1 quoted-pair) and inside `<...>`. Elements are trimmed; empty ones dropped.
 */
export function splitHeaderList(value: string): string[] {
  if (!value.includes(',')) return [value];
  const parts: string[] = [];
  let inQuotes = false;
  let inAngles = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (inQuotes) {
      if (c === 92) i++;
      else if (c === 34) inQuotes = false;
    } else if (c === 34) inQuotes = true;
    else if (c === 60) inAngles = true;
    else if (c === 62) inAngles = false;
    else if (c === 44 && !inAngles) {
      pushTrimmed(parts, value.slice(start, i));
      start = i + 1;
    }
  }
  pushTrimmed(parts, value.slice(start));
  return parts;
}

function pushTrimmed(parts: string[], part: string): void {
  const trimmed = part.trim();
  if (trimmed.length > 0) parts.push(trimmed);
}
