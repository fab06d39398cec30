import { createRequire } from 'node:module';

/** Built by `npm ci` (binding.gyp): native/*.c. The same path from src/ (tests) and dist/. */
export const ADDON_PATH = new URL('../../build/Release/vms_rtp.node', import.meta.url).pathname;

let addon: unknown;

/**
 * Loads the vms_rtp addon once: RTP's relay thread and batched sends (src/media) and SIP's UDP sockets
 * (src/sip/transport) live in it. Throws what `require` throws; each caller turns that into its own
 * error code, naming the setting that avoids the addon.
 */
export function loadAddon(): unknown {
  addon ??= createRequire(import.meta.url)(ADDON_PATH);
  return addon;
}
