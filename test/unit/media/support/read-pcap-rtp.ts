import { readFileSync } from 'node:fs';

/**
 * The UDP payloads (RTP packets) of a classic pcap file with Ethernet framing (linktype 1), such as SIPp's
 * `dtmf_2833_*.pcap`: 24-byte global header, then 16-byte record headers (libpcap format).
 */
export function readPcapRtp(path: string): Buffer[] {
  const data = readFileSync(path);
  if (data.readUInt32LE(0) !== 0xa1b2c3d4 || data.readUInt32LE(20) !== 1) {
    throw new Error(`${path}: not a little-endian Ethernet pcap`);
  }
  const payloads: Buffer[] = [];
  for (let offset = 24; offset + 16 <= data.length; ) {
    const length = data.readUInt32LE(offset + 8);
    const frame = data.subarray(offset + 16, offset + 16 + length);
    offset += 16 + length;
    const ipHeader = ((frame[14] ?? 0) & 0x0f) * 4;
    payloads.push(Buffer.from(frame.subarray(14 + ipHeader + 8)));
  }
  return payloads;
}
