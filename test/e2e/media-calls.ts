/** Shared pieces of the media end-to-end tests: an RTP sink for SIPp callers, RTP port ranges, WAV lengths. */
import { createSocket, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type RunningEngine } from '../support/engine.js';
import { freePort } from '../support/free-port.js';

export interface RtpPacketSeen {
  readonly sequence: number;
  readonly timestamp: number;
  readonly marker: boolean;
  readonly payloadType: number;
  readonly ssrc: number;
  /** The 20 ms of audio (a copy). */
  readonly payload: Buffer;
  /** performance.now() on arrival. */
  readonly at: number;
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
      timestamp: packet.readUInt32BE(4),
      marker: second >= 0x80,
      payloadType: second & 0x7f,
      ssrc: packet.readUInt32BE(8),
      payload: Buffer.from(packet.subarray(12)),
      at: performance.now(),
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

/** The A-law samples of an announcement (its data chunk). */
function announcementSamples(language: string, name: string): Buffer {
  const wav = readFileSync(join(ROOT, 'announcements', language, `${name}.wav`));
  let offset = 12;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'data') return wav.subarray(offset + 8, offset + 8 + size);
    offset += 8 + size + (size % 2);
  }
  throw new Error(`no data chunk in ${language}/${name}.wav`);
}

/** How many 20 ms packets an A-law announcement makes: 160 bytes each, the last one padded. */
export function announcementPackets(language: string, name: string): number {
  return Math.ceil(announcementSamples(language, name).length / 160);
}

/** An announcement's 20 ms A-law frames as the engine sends them (the last one padded with silence). */
export function announcementFrames(language: string, name: string): Buffer[] {
  const samples = announcementSamples(language, name);
  const frames: Buffer[] = [];
  for (let offset = 0; offset < samples.length; offset += 160) {
    const frame = Buffer.alloc(160, 0xd5);
    samples.copy(frame, 0, offset, Math.min(offset + 160, samples.length));
    frames.push(frame);
  }
  return frames;
}

/** Where `frames` were received whole and in order (payloads equal, one packet each), or -1. */
export function indexOfFrames(
  packets: readonly RtpPacketSeen[],
  frames: readonly Buffer[],
  from = 0,
): number {
  for (let start = from; start + frames.length <= packets.length; start++) {
    if (frames.every((frame, i) => packets[start + i]?.payload.equals(frame))) return start;
  }
  return -1;
}

/** How many packets from `from` on carry the leading frames of `frames`, in order (a prompt cut short). */
export function leadingFramesHeard(packets: readonly RtpPacketSeen[], frames: readonly Buffer[]): number {
  const start = packets.findIndex((p) => p.payload.equals(frames[0] ?? Buffer.alloc(0)));
  if (start < 0) return 0;
  let heard = 0;
  while (heard < frames.length && packets[start + heard]?.payload.equals(frames[heard] as Buffer)) heard++;
  return heard;
}

/**
 * The longest run of packets that play `loop` in order, from any point of it and wrapping around (music
 * goes on where an announcement interrupted it).
 */
export function longestLoopRun(packets: readonly RtpPacketSeen[], loop: readonly Buffer[]): number {
  let longest = 0;
  for (let start = 0; start < packets.length; start++) {
    const offset = loop.findIndex((frame) => packets[start]?.payload.equals(frame));
    if (offset < 0) continue;
    let run = 1;
    while (packets[start + run]?.payload.equals(loop[(offset + run) % loop.length] as Buffer)) run++;
    longest = Math.max(longest, run);
    start += run - 1;
  }
  return longest;
}

/** A-law digital silence, what the engine sends between prompts. */
export function isSilence(packet: RtpPacketSeen): boolean {
  return packet.payload.every((b) => b === 0xd5);
}

/**
 * One continuous stream, as a phone should hear it: one SSRC, sequence numbers and timestamps (+160)
 * with no gap, the marker on the first packet only, and as many packets as the time it lasted (20 ms
 * each; within 5 % and 5 packets: the engine skips ticks when the machine stalls). Returns what is wrong.
 */
export function streamProblems(packets: readonly RtpPacketSeen[]): string[] {
  const problems: string[] = [];
  const first = packets[0];
  const last = packets[packets.length - 1];
  if (first === undefined || last === undefined) return ['no packet received'];
  if (new Set(packets.map((p) => p.ssrc)).size !== 1) problems.push('more than one SSRC');
  if (!consecutive(packets)) problems.push('sequence numbers not consecutive');
  const jumps = packets.filter(
    (p, i) => i > 0 && (p.timestamp - (packets[i - 1]?.timestamp ?? 0)) >>> 0 !== 160,
  );
  if (jumps.length > 0) problems.push(`${jumps.length} timestamp step(s) other than 160`);
  const marked = packets.flatMap((p, i) => (p.marker ? [i] : []));
  if (marked.join() !== '0') problems.push(`markers at ${marked.join(',')}`);
  const expected = (last.at - first.at) / 20 + 1;
  if (Math.abs(packets.length - expected) > Math.max(5, expected * 0.05))
    problems.push(
      `${packets.length} packets in ${Math.round(last.at - first.at)} ms (${Math.round(expected)} expected)`,
    );
  return problems;
}

/** True when every packet's sequence number is the previous one plus one (modulo 2^16). */
export function consecutive(packets: readonly RtpPacketSeen[]): boolean {
  return packets.every((p, i) => i === 0 || p.sequence === (((packets[i - 1]?.sequence ?? 0) + 1) & 0xffff));
}

/** Live limit slots and queue lengths, as `GET /counters` reports them from the store. */
export interface StoreCounters {
  slots: Record<string, number>;
  queues: Record<string, number>;
}

export const total = (counts: Record<string, number>): number =>
  Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * Polls an engine's admin API `path` until `ok` holds, bounded like waiting for a port to open.
 */
export async function adminUntil<T>(
  engine: RunningEngine,
  path: string,
  ok: (answer: T) => boolean,
  what: string,
): Promise<T> {
  const until = Date.now() + 15_000;
  let last: T | undefined;
  while (Date.now() < until) {
    last = await engine.admin<T>(path);
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${path} never showed ${what}: ${JSON.stringify(last)}\n${engine.output().slice(-4000)}`);
}

/** Polls an engine's live counters (read from its store, shared between instances on Redis) until `ok`. */
export async function counters(
  engine: RunningEngine,
  ok: (c: StoreCounters) => boolean,
  what: string,
): Promise<void> {
  await adminUntil(engine, '/counters', ok, what);
}
