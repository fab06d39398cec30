import type { MediaSession } from '../session/media-session.js';
import { nativeRelay } from './native-relay.js';
import { nodeRelay } from './node-relay.js';
import type { Relay } from './relay-ending.js';

/**
 * Relays RTP both ways between two started sessions (A-leg endpoint <-> B-leg endpoint); any playback or
 * collection on them ends with `stopped`. Stops by itself when either session closes. The sessions'
 * `relayPlane` (VMS_RTP_IO) picks the native thread or dgram; both keep the RTP header and rewrite
 * only the payload type (and the payload between A-law and µ-law when the legs' codecs differ).
 * Throws MEDIA_SESSION_CLOSED when a session is closed or not started yet.
 */
export function relay(a: MediaSession, b: MediaSession): Relay {
  if (a.relayPlane === 'native' && b.relayPlane === 'native') return nativeRelay(a, b);
  return nodeRelay(a, b);
}
