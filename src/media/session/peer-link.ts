import type { Socket } from 'node:dgram';
import type { PacketBatch } from '../native/packet-batch.js';
import { socketFd } from '../ports/dgram-handle.js';
import type { RtpEndpoint } from '../sdp/negotiated-media.js';

/**
 * Where a leg's RTP goes, and symmetric RTP (RFC 4961): until a packet arrives we send to the address of
 * the SDP; the first packet's source is then latched and the socket connected to it. A connected UDP
 * socket sends without an address lookup per packet (about half the cost in Node) and the kernel drops
 * packets from anyone else, so a stray or spoofed stream cannot take over the leg. With a PacketBatch
 * (VMS_RTP_IO=native), packets to the connected peer are queued there and leave in one native call per
 * event-loop task instead of one dgram send each.
 */
export class PeerLink {
  private target: RtpEndpoint | undefined;
  private state: 'open' | 'connecting' | 'connected' = 'open';
  private isLatched = false;
  /** Bumped by reset, so a connect completing after it is undone. */
  private generation = 0;

  /** The socket's fd, read once for the batch (-1: not read yet). */
  private fd = -1;

  constructor(
    private readonly socket: Socket,
    private readonly batch?: PacketBatch,
  ) {}

  get remote(): RtpEndpoint | undefined {
    return this.target;
  }

  get latched(): boolean {
    return this.isLatched;
  }

  /** The socket is connected to the latched remote. */
  get connected(): boolean {
    return this.state === 'connected';
  }

  /** A new remote from offer/answer: forget the latch and listen to anyone again. */
  reset(remote: RtpEndpoint | undefined): void {
    this.generation++;
    this.target = remote;
    this.isLatched = false;
    if (this.state === 'connected') this.disconnect();
    this.state = 'open';
  }

  /** The first packet's source becomes the remote. */
  latch(address: string, port: number): void {
    this.isLatched = true;
    this.target = { address, port };
    this.state = 'connecting';
    const generation = this.generation;
    try {
      this.socket.connect(port, address, () => {
        if (generation === this.generation) this.state = 'connected';
        else this.disconnect();
      });
    } catch {
      this.state = 'open'; // socket closing: keep sending with an address until it is gone
    }
  }

  /**
   * Sends `length` bytes of `packet`; false when dropped: remote unknown, or connecting (which lasts until
   * the next turn of the event loop; a packet sent with an address then would fail with EISCONN).
   * A whole buffer is passed alone: with an offset and length dgram makes a new Buffer view per packet.
   */
  send(packet: Buffer, length: number): boolean {
    const whole = length === packet.length;
    if (this.state === 'connected') {
      if (this.batch?.add(this.socketFd(), packet, length)) return true;
      if (whole) this.socket.send(packet);
      else this.socket.send(packet, 0, length);
    } else if (this.target !== undefined && this.state === 'open') {
      if (whole) this.socket.send(packet, this.target.port, this.target.address);
      else this.socket.send(packet, 0, length, this.target.port, this.target.address);
    } else return false;
    return true;
  }

  /** The socket is closing: packets still queued for it are dropped. */
  close(): void {
    if (this.fd >= 0) this.batch?.forget(this.fd);
  }

  private socketFd(): number {
    if (this.fd < 0) this.fd = socketFd(this.socket);
    return this.fd;
  }

  private disconnect(): void {
    try {
      this.socket.disconnect();
    } catch {
      // not connected (any more)
    }
  }
}
