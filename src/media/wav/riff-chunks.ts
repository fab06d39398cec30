/**
 * Minimal RIFF/WAVE reader: walks the chunk list without trusting any size field, so a truncated or
 * hostile file yields problems instead of exceptions. (RIFF: Microsoft Multimedia Programming Interface
 * and Data Specifications 1.0, ch. 3; WAVE fmt chunk as in RFC 2361 appendix A.)
 */

/** The `fmt ` chunk fields we care about; `audioFormat` is resolved through WAVE_FORMAT_EXTENSIBLE. */
export interface WavFormat {
  audioFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
}

export interface RiffWave {
  /** Fatal structural problems (not a WAV, truncated chunk...). Empty when the structure is sound. */
  problems: string[];
  format?: WavFormat;
  /** The `data` chunk payload, clipped to the bytes really present. */
  data?: Buffer;
}

const RIFF_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;
const FMT_MIN_BYTES = 16;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

export function readRiffWave(file: Buffer): RiffWave {
  const header = readHeader(file);
  if (header !== undefined) return { problems: [header] };
  const wave: RiffWave = { problems: [] };
  let offset = RIFF_HEADER_BYTES;
  while (offset + CHUNK_HEADER_BYTES <= file.length) {
    const id = file.toString('latin1', offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    const start = offset + CHUNK_HEADER_BYTES;
    const available = Math.min(size, file.length - start);
    if (available < size) {
      wave.problems.push(
        `${chunkName(id)} chunk truncated: header says ${size} bytes, only ${available} present`,
      );
    }
    readChunk(wave, id, file.subarray(start, start + available));
    // Chunks are word-aligned: an odd size is followed by one pad byte.
    offset = start + size + (size % 2);
  }
  if (wave.format === undefined && !wave.problems.some((p) => p.startsWith('fmt'))) {
    wave.problems.push('no fmt chunk (audio format description) found');
  }
  if (wave.data === undefined) wave.problems.push('no data chunk (audio samples) found');
  return wave;
}

function readHeader(file: Buffer): string | undefined {
  if (file.length < RIFF_HEADER_BYTES)
    return `not a WAV file: only ${file.length} bytes, too short for a header`;
  const riff = file.toString('latin1', 0, 4);
  if (riff !== 'RIFF')
    return `not a WAV file: starts with ${JSON.stringify(printable(riff))}, expected "RIFF"`;
  const form = file.toString('latin1', 8, 12);
  if (form !== 'WAVE')
    return `not a WAV file: RIFF form type ${JSON.stringify(printable(form))}, expected "WAVE"`;
  return undefined;
}

function readChunk(wave: RiffWave, id: string, body: Buffer): void {
  if (id === 'fmt ' && wave.format === undefined) {
    if (body.length < FMT_MIN_BYTES) {
      wave.problems.push(`fmt chunk too short: ${body.length} bytes, expected at least ${FMT_MIN_BYTES}`);
      return;
    }
    wave.format = parseFormat(body);
  } else if (id === 'data' && wave.data === undefined) {
    wave.data = body;
  }
}

function parseFormat(body: Buffer): WavFormat {
  let audioFormat = body.readUInt16LE(0);
  // WAVE_FORMAT_EXTENSIBLE carries the real format tag in the first two bytes of its sub-format GUID.
  if (audioFormat === WAVE_FORMAT_EXTENSIBLE && body.length >= 26) audioFormat = body.readUInt16LE(24);
  return {
    audioFormat,
    channels: body.readUInt16LE(2),
    sampleRate: body.readUInt32LE(4),
    bitsPerSample: body.readUInt16LE(14),
  };
}

function chunkName(id: string): string {
  return id === 'fmt ' ? 'fmt' : id === 'data' ? 'data' : JSON.stringify(printable(id));
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}
