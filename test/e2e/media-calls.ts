/** Shared pieces of the media end-to-end tests: an RTP sink for SIPp callers, RTP port ranges, WAV lengths. */
import { createSocket, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/engine.js';
import { freePort } from '../support/free-port.js';

export interface RtpPacketSeen {
  readonly sequence: number;
  readonly marker: boolean;
  readonly payloadType: number;
  readonly ssrc: number;
}

export interface RtpSink {
  readonly port: number;
  readonly packets: RtpPacketSeen[];
  /** Called with each packet's source, after it was recorded. */
  onPacket: ((from: { address: string; port: number }) => void) | undefined;
  /** Sends one 20 ms A-law packet of this SSRC from the sink's socket. */
  send(to: { address: string; port: number }, ssrc: number, sequence: number): void;
  close(): Promise<void>;
}

/** A UDP socket on a free loopback port that records the RTP headers it receives. */
export async function rtpSink(): Promise<RtpSink> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const socket = createSocket('udp4');
    const bound = await new Promise<boolean>((resolve) => {
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => resolve(true));
    });
    if (bound) return sinkOn(socket, port);
    socket.close();
    if (attempt === 5) throw new Error('no free UDP port for the RTP sink');
  }
}

function sinkOn(socket: Socket, port: number): RtpSink {
  const packets: RtpPacketSeen[] = [];
  const sink: RtpSink = {
    port,
    packets,
    onPacket: undefined,
    send(to, ssrc, sequence) {
      const packet = Buffer.alloc(12 + 160, 0xd5); // A-law silence
      packet[0] = 0x80;
      packet[1] = 8;
      packet.writeUInt16BE(sequence & 0xffff, 2);
      packet.writeUInt32BE((sequence * 160) >>> 0, 4);
      packet.writeUInt32BE(ssrc >>> 0, 8);
      socket.send(packet, to.port, to.address);
    },
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
  socket.on('message', (packet: Buffer, from) => {
    if (packet.length < 12) return;
    const second = packet[1] as number;
    packets.push({
      sequence: packet.readUInt16BE(2),
      marker: second >= 0x80,
      payloadType: second & 0x7f,
      ssrc: packet.readUInt32BE(8),
    });
    sink.onPacket?.(from);
  });
  return sink;
}

/**
 * VMS_RTP_PORTS for one test engine: 100 ports from a free one, so that parallel test files rarely
 * share a range (the engine skips a port held by someone else anyway).
 */
export async function rtpPorts(): Promise<string> {
  const port = await freePort();
  const min = Math.min(port - (port % 2), 65_400);
  return `${min}-${min + 99}`;
}

/** How many 20 ms packets an A-law announcement makes: 160 bytes each, the last one padded. */
export function announcementPackets(language: string, name: string): number {
  const wav = readFileSync(join(ROOT, 'announcements', language, `${name}.wav`));
  let offset = 12;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'data') return Math.ceil(size / 160);
    offset += 8 + size + (size % 2);
  }
  throw new Error(`no data chunk in ${language}/${name}.wav`);
}

/** True when every packet's sequence number is the previous one plus one (modulo 2^16). */
export function consecutive(packets: readonly RtpPacketSeen[]): boolean {
  return packets.every((p, i) => i === 0 || p.sequence === (((packets[i - 1]?.sequence ?? 0) + 1) & 0xffff));
}
