import { AppError } from '../../errors/app-error.js';
import { ADDON_PATH, loadAddon } from '../../native/load-addon.js';
import type { WireText } from '../message/wire-text.js';

/** native/sip-udp.c, as JavaScript sees it. */
interface SipUdpAddon {
  sipUdpOpen(
    address: string,
    port: number,
    bufferBytes: number,
    onDatagrams: (count: number) => void,
    meta: Int32Array,
    data: Uint8Array,
    addresses: Uint8Array,
  ): [object, number, number];
  sipUdpSend(
    socket: object,
    count: number,
    offsets: Int32Array,
    ports: Int32Array,
    addresses: Uint8Array,
    data: Uint8Array,
  ): number;
  sipUdpClose(socket: object): void;
  /** Int32 fields per received datagram in `meta`: [length, source port, address length, µs waited]. */
  readonly sipUdpRxMeta: number;
}

const RESOLVED = Promise.resolve();

// The same sizes as native/sip-udp.c.
const RX_META = 4;
const RX_SLOTS = 32;
const RX_SLOT_BYTES = 65536;
const ADDR_TEXT_BYTES = 48;

/**
 * Called once per datagram; `data` is only valid during the call (its slot is read into again).
 * `waitedMs`: how long it waited in the socket before being read (kernel receive timestamp, SO_TIMESTAMPNS):
 * how far the engine lags behind its traffic; undefined when the kernel gave no timestamp.
 */
export type DatagramHandler = (
  data: Buffer,
  address: string,
  port: number,
  waitedMs: number | undefined,
) => void;

/**
 * Loads the addon for VMS_SIP_UDP_IO=native. Throws SIP_NATIVE_UNAVAILABLE naming the file and what builds
 * it: asked for and missing is a start-up error, never a quiet fall back to dgram.
 */
export function loadSipUdp(): SipUdpAddon {
  try {
    const addon = loadAddon() as Partial<SipUdpAddon>;
    if (typeof addon.sipUdpOpen !== 'function' || addon.sipUdpRxMeta !== RX_META)
      throw new Error('the addon lacks sipUdpOpen or has another datagram layout (an older build)');
    return addon as SipUdpAddon;
  } catch (err) {
    throw new AppError(
      'SIP_NATIVE_UNAVAILABLE',
      `cannot load the native SIP UDP sockets from ${ADDON_PATH}: ${(err as Error).message}; build it with ` +
        '`npm ci` (needs g++, make and python3) or set VMS_SIP_UDP_IO=node',
      { cause: err },
    );
  }
}

/**
 * One SIP UDP socket of native/sip-udp.c (VMS_SIP_UDP_IO=native). Receiving: each wake-up of the event loop
 * reads up to 32 datagrams into `rxData` and calls back once for all of them. Sending: datagrams queued
 * during one task of the event loop are copied into one staging buffer and, when the task ends (a
 * microtask), handed in order to the socket's sender thread (native/sip-udp-sender.c), which writes them
 * with sendmmsg off the event loop. No Buffer, closure or request object per datagram.
 */
export class NativeUdpSocket {
  readonly port: number;
  /** What the kernel granted of the receive buffer asked for (less when capped by net.core.rmem_max). */
  readonly receiveBufferBytes: number;
  private socket: object | undefined;
  private readonly rxMeta = new Int32Array(RX_SLOTS * RX_META);
  private readonly rxData = Buffer.allocUnsafeSlow(RX_SLOTS * RX_SLOT_BYTES);
  private readonly rxAddresses = Buffer.allocUnsafeSlow(RX_SLOTS * ADDR_TEXT_BYTES);
  private capacity = 64;
  private offsets = new Int32Array(this.capacity + 1);
  private ports = new Int32Array(this.capacity);
  private addresses = Buffer.allocUnsafeSlow(this.capacity * ADDR_TEXT_BYTES);
  private staged = Buffer.allocUnsafeSlow(256 * 1024);
  private queued = 0;
  private scheduled = false;
  /** The last source address as text and bytes: trunks send from a few addresses, one string each. */
  private lastAddress = '';
  private readonly lastAddressBytes = Buffer.alloc(ADDR_TEXT_BYTES);
  private lastAddressLength = -1;
  private readonly flushAtTaskEnd = (): void => {
    this.flush();
  };

  /** Binds `address` (an IP literal) and `port` (0: any free port); throws the system's reason. */
  constructor(
    private readonly addon: SipUdpAddon,
    address: string,
    port: number,
    bufferBytes: number,
    private readonly onDatagram: DatagramHandler,
  ) {
    const [socket, bound, granted] = addon.sipUdpOpen(
      address,
      port,
      bufferBytes,
      (count) => this.received(count),
      this.rxMeta,
      this.rxData,
      this.rxAddresses,
    );
    this.socket = socket;
    this.port = bound;
    this.receiveBufferBytes = granted;
  }

  /** Queues one datagram to `address` (an IP literal) and `port`; it leaves when the current task ends. */
  send(data: WireText, address: string, port: number): void {
    if (this.socket === undefined) return;
    const i = this.queued;
    const start = this.offsets[i] as number;
    if (i === this.capacity || start + data.length > this.staged.length) this.grow(data.length);
    this.staged.write(data, start, 'latin1');
    this.offsets[i + 1] = start + data.length;
    this.ports[i] = port;
    const at = i * ADDR_TEXT_BYTES;
    const written = this.addresses.write(address, at, ADDR_TEXT_BYTES - 1, 'latin1');
    this.addresses[at + written] = 0;
    this.queued = i + 1;
    if (!this.scheduled) {
      this.scheduled = true;
      // A promise reaction rather than queueMicrotask, which wraps each callback in an AsyncResource.
      RESOLVED.then(this.flushAtTaskEnd);
    }
  }

  /** Hands what is queued to the sender thread now (a datagram with an unusable address is dropped there). */
  flush(): void {
    this.scheduled = false;
    const count = this.queued;
    if (count === 0 || this.socket === undefined) return;
    this.queued = 0;
    this.addon.sipUdpSend(this.socket, count, this.offsets, this.ports, this.addresses, this.staged);
    this.offsets[0] = 0;
  }

  /** Sends what is still queued, then closes: the port is free when this returns. */
  close(): void {
    if (this.socket === undefined) return;
    this.flush();
    this.addon.sipUdpClose(this.socket);
    this.socket = undefined;
  }

  private received(count: number): void {
    const meta = this.rxMeta;
    for (let i = 0; i < count && this.socket !== undefined; i++) {
      const at = i * RX_META;
      const address = this.addressOf(i * ADDR_TEXT_BYTES, meta[at + 2] as number);
      const start = i * RX_SLOT_BYTES;
      const waitedUs = meta[at + 3] as number; // -1: no kernel timestamp
      this.onDatagram(
        this.rxData.subarray(start, start + (meta[at] as number)),
        address,
        meta[at + 1] as number,
        waitedUs < 0 ? undefined : waitedUs / 1000,
      );
    }
  }

  /**
   * The source address text at `at`: the previous string again when the bytes are the same. A new string
   * per datagram would be kept by every transaction that answers there (up to 32 s, Timer J).
   */
  private addressOf(at: number, length: number): string {
    const text = this.rxAddresses;
    const last = this.lastAddressBytes;
    if (length === this.lastAddressLength) {
      let i = 0;
      while (i < length && text[at + i] === last[i]) i++;
      if (i === length) return this.lastAddress;
    }
    text.copy(last, 0, at, at + length);
    this.lastAddressLength = length;
    this.lastAddress = text.toString('latin1', at, at + length);
    return this.lastAddress;
  }

  /** Room for one more datagram of `length` bytes: more entries, a larger staging buffer, or both. */
  private grow(length: number): void {
    const used = this.offsets[this.queued] as number;
    if (this.queued === this.capacity) {
      this.capacity *= 2;
      const offsets = new Int32Array(this.capacity + 1);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const ports = new Int32Array(this.capacity);
      ports.set(this.ports);
      this.ports = ports;
      const addresses = Buffer.allocUnsafeSlow(this.capacity * ADDR_TEXT_BYTES);
      this.addresses.copy(addresses);
      this.addresses = addresses;
    }
    if (used + length > this.staged.length) {
      const staged = Buffer.allocUnsafeSlow(Math.max(2 * this.staged.length, used + length));
      this.staged.copy(staged, 0, 0, used);
      this.staged = staged;
    }
  }
}
