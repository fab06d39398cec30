import type { Millis } from '../../plan/types.js';

/** `20s`, `2m`, `1m30s`, `500ms`: how durations read in plans, for trace reasons. */
export function formatMillis(ms: Millis): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms % 1000 !== 0) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = ms / 1000;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest}s`;
  return rest === 0 ? `${minutes}m` : `${minutes}m${rest}s`;
}
