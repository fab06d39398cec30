import alawmulaw from 'alawmulaw';
import wavefile from 'wavefile';
import { AppError } from '../../errors/app-error.js';
import { ANNOUNCEMENT_SAMPLE_RATE } from './check-announcement.js';
import { readRiffWave } from './riff-chunks.js';
import { writeAlawWav } from './write-alaw-wav.js';

type WaveFile = InstanceType<typeof wavefile.WaveFile>;

/**
 * Any PCM / float / A-law / µ-law / IMA ADPCM WAV, any rate, any channel count -> an announcement:
 * A-law, 8000 Hz, 8-bit, mono (R2). Channels are averaged; resampling uses wavefile's low-pass cubic.
 * Throws MEDIA_WAV_UNSUPPORTED when the input cannot be decoded or holds no audio.
 */
export function convertToAnnouncement(data: Buffer): Buffer {
  const structure = readRiffWave(data);
  if (structure.problems.length > 0) unsupported(structure.problems.join('; '));
  const wav = decodeToPcm16(data);
  const mono = mixDown(wav);
  if (mono.length === 0) unsupported('no audio samples');
  const resampled = resample(mono, wavRate(wav));
  return writeAlawWav(alawmulaw.alaw.encode(resampled));
}

function decodeToPcm16(data: Buffer): WaveFile {
  try {
    const wav = new wavefile.WaveFile(data);
    if (wav.bitDepth === '8a') wav.fromALaw('16');
    else if (wav.bitDepth === '8m') wav.fromMuLaw('16');
    else if (wav.bitDepth === '4') wav.fromIMAADPCM('16');
    else if (wav.bitDepth !== '16') wav.toBitDepth('16');
    return wav;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return unsupported(reason, err);
  }
}

function mixDown(wav: WaveFile): Float64Array {
  const decoded = wav.getSamples(false) as Float64Array | Float64Array[];
  const channels = Array.isArray(decoded) ? decoded : [decoded];
  const first = channels[0];
  if (first === undefined) return new Float64Array(0);
  if (channels.length === 1) return first;
  const mono = new Float64Array(first.length);
  for (const channel of channels) {
    for (let i = 0; i < mono.length; i++) mono[i] = (mono[i] ?? 0) + (channel[i] ?? 0) / channels.length;
  }
  return mono;
}

function resample(mono: Float64Array, sampleRate: number): Int16Array {
  let samples: Float64Array = mono;
  if (sampleRate !== ANNOUNCEMENT_SAMPLE_RATE) {
    const wav = new wavefile.WaveFile();
    wav.fromScratch(1, sampleRate, '16', mono);
    wav.toSampleRate(ANNOUNCEMENT_SAMPLE_RATE);
    samples = wav.getSamples(false);
  }
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    out[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i] ?? 0)));
  }
  return out;
}

function wavRate(wav: WaveFile): number {
  return (wav.fmt as { sampleRate: number }).sampleRate;
}

function unsupported(reason: string, cause?: unknown): never {
  throw new AppError('MEDIA_WAV_UNSUPPORTED', `cannot convert this WAV: ${reason}`, { cause });
}
