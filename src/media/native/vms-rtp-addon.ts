import { AppError } from '../../errors/app-error.js';
import { ADDON_PATH, loadAddon } from '../../native/load-addon.js';
import { ALAW_TO_MULAW, MULAW_TO_ALAW } from '../g711/g711-tables.js';
import type { RtpEndpoint } from '../sdp/negotiated-media.js';

/** One relay leg as native/rtp-relay.c reads it: its socket, its peer, the rewrite of what it receives. */
export interface NativeRelayLeg {
  readonly fd: number;
  readonly address: string | null;
  readonly port: number;
  readonly latched: boolean;
  readonly connected: boolean;
  readonly audioIn: number;
  readonly audioOut: number;
  /** -1: none (never matches a 7-bit payload type; events are dropped when the other leg has none). */
  readonly eventIn: number;
  readonly eventOut: number;
  /** 0 none, 1 A-law -> µ-law, 2 µ-law -> A-law. */
  readonly table: 0 | 1 | 2;
}

/** The functions of the vms_rtp addon (native/addon.c). */
export interface VmsRtpAddon {
  /** Starts the relay thread (once) with the G.711 conversion tables. */
  init(alawToMulaw: Uint8Array, mulawToAlaw: Uint8Array): void;
  add(a: NativeRelayLeg, b: NativeRelayLeg): number;
  /** Per leg, a then b: received, relayed (sent out of it), ms since its last packet. */
  stats(id: number, out: Float64Array): void;
  /** The peers latched during the relay; the thread has let go of both sockets when this returns. */
  remove(id: number): [RtpEndpoint | null, RtpEndpoint | null];
  active(): number;
  /** Sends packet i (`lengths[i]` bytes at `i * stride`) on connected socket `fds[i]`; returns the count sent. */
  sendBatch(fds: Int32Array, lengths: Int32Array, packets: Uint8Array, count: number, stride: number): number;
}

let loaded: VmsRtpAddon | undefined;

/**
 * Loads the addon and starts its relay thread (once). Throws MEDIA_NATIVE_UNAVAILABLE naming the file
 * and what builds it: asked for and missing is a start-up error, never a quiet fall back to dgram.
 */
export function loadVmsRtp(): VmsRtpAddon {
  if (loaded !== undefined) return loaded;
  try {
    const addon = loadAddon() as VmsRtpAddon;
    addon.init(ALAW_TO_MULAW, MULAW_TO_ALAW);
    loaded = addon;
    return addon;
  } catch (err) {
    throw new AppError(
      'MEDIA_NATIVE_UNAVAILABLE',
      `cannot load the native RTP addon ${ADDON_PATH}: ${(err as Error).message}; build it with ` +
        '`npm ci` (needs g++, make and python3) or set VMS_RTP_IO=node',
      { cause: err },
    );
  }
}

/** Bridged calls whose RTP the native thread moves right now (0 when the addon is not loaded). */
export function nativeRelaysActive(): number {
  return loaded?.active() ?? 0;
}
