import type { Socket } from 'node:dgram';
import { AppError } from '../../errors/app-error.js';

/**
 * What the native relay needs of a bound dgram socket and Node does not expose: its file descriptor, and
 * stopping libuv from reading it while the relay thread does. Node 20 keeps the UDP handle (`fd`,
 * `recvStart`, `recvStop`) in the socket's `state symbol` property (lib/dgram.js); `socket._handle` is the
 * same object behind a deprecation warning. Checked on every use: a Node that moved it fails loudly with
 * MEDIA_NATIVE_UNAVAILABLE instead of relaying nothing.
 */
interface UdpHandle {
  readonly fd: number;
  recvStart(): number;
  recvStop(): number;
}

interface DgramState {
  handle: UdpHandle | null;
  receiving: boolean;
}

function stateOf(socket: Socket): DgramState {
  const key = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'state symbol');
  const state = key === undefined ? undefined : (socket as unknown as Record<symbol, DgramState>)[key];
  const handle = state?.handle;
  if (
    state === undefined ||
    handle === undefined ||
    (handle !== null && (typeof handle.fd !== 'number' || typeof handle.recvStop !== 'function'))
  ) {
    throw new AppError(
      'MEDIA_NATIVE_UNAVAILABLE',
      `this Node.js (${process.version}) does not expose a dgram socket's handle as Node 20 does`,
    );
  }
  return state;
}

/** The socket's file descriptor; MEDIA_SESSION_CLOSED when the socket is closed. */
export function socketFd(socket: Socket): number {
  const { handle } = stateOf(socket);
  if (handle === null || handle.fd < 0) {
    throw new AppError('MEDIA_SESSION_CLOSED', 'the RTP socket is closed');
  }
  return handle.fd;
}

/** Stops reading the socket in the event loop: 'message' events stop until `resumeReceiving`. */
export function pauseReceiving(socket: Socket): void {
  const state = stateOf(socket);
  if (state.handle !== null && state.receiving) {
    state.handle.recvStop();
    state.receiving = false;
  }
}

/** Reads the socket in the event loop again (no-op once it is closed). */
export function resumeReceiving(socket: Socket): void {
  const state = stateOf(socket);
  if (state.handle !== null && !state.receiving) {
    state.handle.recvStart();
    state.receiving = true;
  }
}
