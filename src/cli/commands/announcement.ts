/**
 * `vms announcement check FILE...` and `vms announcement convert IN OUT` (R2: A-law, 8000 Hz, 8-bit, mono).
 * Exit codes follow program.ts: 1 when a checked file has a problem (or a conversion fails).
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../errors/app-error.js';
import {
  type AnnouncementCheck,
  checkAnnouncementBuffer,
  checkAnnouncementFile,
  convertToAnnouncement,
  describeFormat,
} from '../../media/wav/index.js';

/** Where the command writes; injectable so tests read the output without touching process.stdout. */
export interface AnnouncementOutput {
  out(line: string): void;
  err(line: string): void;
}

const STDIO: AnnouncementOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export function registerAnnouncement(program: Command, output: AnnouncementOutput = STDIO): void {
  const announcement = program
    .command('announcement')
    .description('check or convert announcement WAV files (A-law, 8000 Hz, 8-bit, mono)');
  announcement
    .command('check')
    .description('check WAV files; exit 1 if any has a problem')
    .argument('<files...>', 'WAV files to check')
    .action(async (files: string[]) => {
      if (!(await checkFiles(files, output))) process.exitCode = 1;
    });
  announcement
    .command('convert')
    .description('convert any PCM, A-law or µ-law WAV into an announcement')
    .argument('<in>', 'source WAV')
    .argument('<out>', 'announcement WAV to write (never the source)')
    .action(async (input: string, out: string) => {
      await convertFile(input, out, output);
    });
}

/** Prints one line per file (and one per problem); true when every file is fine. */
export async function checkFiles(files: readonly string[], output: AnnouncementOutput): Promise<boolean> {
  let allOk = true;
  for (const file of files) {
    const check = await checkAnnouncementFile(file);
    if (check.ok) {
      output.out(`${file}: ok (${summary(check)})`);
      continue;
    }
    allOk = false;
    output.err(`${file}: ${check.problems.length} problem(s)`);
    for (const problem of check.problems) output.err(`  ${file}: ${problem}`);
  }
  return allOk;
}

export async function convertFile(input: string, out: string, output: AnnouncementOutput): Promise<void> {
  if (await sameFile(input, out)) {
    throw new AppError(
      'MEDIA_CONVERT_SAME_FILE',
      `refusing to overwrite the input ${input}; choose another OUT`,
    );
  }
  const source = await readFile(input).catch((cause: unknown) => {
    throw new AppError('MEDIA_FILE_UNREADABLE', `cannot read ${input}: ${reasonOf(cause)}`, { cause });
  });
  const converted = convertToAnnouncement(source);
  await writeFile(out, converted).catch((cause: unknown) => {
    throw new AppError('MEDIA_FILE_UNWRITABLE', `cannot write ${out}: ${reasonOf(cause)}`, { cause });
  });
  output.out(`${out}: ${summary(checkAnnouncementBuffer(converted))}`);
}

/** Same path, or two names (link, `./x` vs `x`) of one existing file. */
async function sameFile(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  const [sa, sb] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return sa !== undefined && sb !== undefined && sa.dev === sb.dev && sa.ino === sb.ino;
}

function summary(check: AnnouncementCheck): string {
  const f = check.format;
  const format =
    f === undefined
      ? 'unknown format'
      : `${describeFormat(f.audioFormat)}, ${f.sampleRate} Hz, ${f.bitsPerSample}-bit, ${f.channels === 1 ? 'mono' : `${f.channels} channels`}`;
  const seconds = check.durationMs === undefined ? '?' : (check.durationMs / 1000).toFixed(2);
  return `${format}, ${seconds} s`;
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
