/**
 * `vms simulate`: dry-run a call through its plan (S4) with the same walker and executors as live calls,
 * and print the path it takes and the numbers it would ring. Exit 0 when the call ran, 1 when the plans
 * have errors or the number has no group, 2 on bad usage.
 */
import { Command, CommanderError } from 'commander';
import { DateTime } from 'luxon';
import { loadConfig } from '../../config/config.js';
import { formatSimulatedCall } from '../../engine/dry-run/format-trace.js';
import { DTMF_SCRIPT, parseDtmfScript, type ScriptedInput } from '../../engine/dry-run/scripted-media.js';
import { type SimulatedCall, simulateCalls } from '../../engine/dry-run/simulate-calls.js';
import { AppError, isAppError } from '../../errors/app-error.js';
import { formatDiagnostic, hasErrors, loadPlanSet } from '../../plan/index.js';
import { DESTINATION_OUTCOMES, type DestinationOutcome } from '../../plan/types.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

interface SimulateFlags {
  to: string;
  from: string;
  at?: string;
  dtmf?: string;
  outcome?: string;
  calls?: string;
  json?: boolean;
  plans?: string;
  announcements?: string;
}

const MAX_CALLS = 1000;
/** `--at` without an offset is local time here (the calendars' default zone). */
const LOCAL_ZONE = 'Europe/Brussels';

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export function registerSimulate(program: Command): void {
  defineSimulate(program, processIo, (code) => {
    if (code !== 0) process.exitCode = code;
  });
}

/** Runs `vms simulate <args>` in-process (tests): returns the exit code instead of setting it. */
export async function simulateCli(args: readonly string[], io: CliIo): Promise<number> {
  let code = 0;
  const program = new Command('vms').exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  defineSimulate(program, io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(['simulate', ...args], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  return code;
}

function defineSimulate(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('simulate')
    .description('dry-run one call through its plan: the path it takes and the numbers it would ring')
    .requiredOption('--to <number>', 'called service number, e.g. +3278000003')
    .requiredOption('--from <cli>', 'caller number (CLI), e.g. +3222000000')
    .option('--at <time>', `call time, ISO-8601; without an offset, ${LOCAL_ZONE} time (default: now)`)
    .option('--dtmf <digits>', 'one input per menu: "12" = 1 then 2; "101,2" = 101 then 2; "_" = no input')
    .option('--outcome <list>', `destination outcomes in turn (${DESTINATION_OUTCOMES.join(', ')})`)
    .option('--calls <n>', 'start N such calls together; answered ones stay up until all are routed')
    .option('--json', 'print the call record(s) as JSON')
    .option('--plans <dir>', 'plans directory (default: VMS_PLANS_DIR)')
    .option('--announcements <dir>', 'announcements directory (default: VMS_ANNOUNCEMENTS_DIR)')
    .action(async (flags: SimulateFlags) => done(await runSimulate(flags, io)));
}

export async function runSimulate(flags: SimulateFlags, io: CliIo): Promise<number> {
  let options: ReturnType<typeof parseFlags>;
  try {
    options = parseFlags(flags);
  } catch (err) {
    if (!isAppError(err)) throw err;
    io.err(`vms simulate: ${err.message}\n`);
    return 2;
  }
  const config = loadConfig();
  const loaded = await loadPlanSet(flags.plans ?? config.plansDir, {
    announcementsDir: flags.announcements ?? config.announcementsDir,
    systemLanguage: config.systemLanguage,
  });
  for (const d of loaded.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
  if (loaded.planSet === undefined || hasErrors(loaded.diagnostics)) {
    io.err('vms simulate: the plans have errors; nothing was simulated\n');
    return 1;
  }
  const calls = await simulateCalls({
    planSet: loaded.planSet,
    caller: flags.from,
    called: flags.to,
    ...options,
  });
  io.out(
    flags.json ? `${JSON.stringify(calls.length === 1 ? calls[0] : { calls }, null, 2)}\n` : text(calls),
  );
  return calls.some((c) => c.end.how === 'unknownNumber') ? 1 : 0;
}

function text(calls: readonly SimulatedCall[]): string {
  return `${calls.map(formatSimulatedCall).join('\n\n')}\n`;
}

function parseFlags(flags: SimulateFlags): {
  at: number;
  outcomes: DestinationOutcome[];
  dtmf: ScriptedInput[];
  calls: number;
} {
  return {
    at: parseAt(flags.at),
    outcomes: parseOutcomes(flags.outcome),
    dtmf: parseDtmf(flags.dtmf),
    calls: parseCalls(flags.calls),
  };
}

function usage(message: string): AppError {
  return new AppError('ENGINE_SIMULATE_USAGE', message);
}

function parseAt(at: string | undefined): number {
  if (at === undefined) return Date.now();
  const time = DateTime.fromISO(at, { zone: LOCAL_ZONE });
  if (!time.isValid)
    throw usage(
      `--at ${JSON.stringify(at)}: not an ISO-8601 time (${time.invalidExplanation ?? time.invalidReason}); e.g. 2026-12-25T10:00 or 2026-03-29T03:30+02:00`,
    );
  return time.toMillis();
}

function parseOutcomes(list: string | undefined): DestinationOutcome[] {
  if (list === undefined) return [];
  const names = list.split(',').map((s) => s.trim());
  const known: readonly string[] = DESTINATION_OUTCOMES;
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0)
    throw usage(
      `--outcome: unknown outcome(s) ${unknown.map((n) => JSON.stringify(n)).join(', ')}; expected ${DESTINATION_OUTCOMES.join(', ')}`,
    );
  return names as DestinationOutcome[];
}

function parseDtmf(dtmf: string | undefined): ScriptedInput[] {
  if (dtmf === undefined) return [];
  if (!DTMF_SCRIPT.test(dtmf))
    throw usage(
      `--dtmf ${JSON.stringify(dtmf)}: use digits 0-9 * # A-D, "," between entries, "_" for no input`,
    );
  return parseDtmfScript(dtmf);
}

function parseCalls(calls: string | undefined): number {
  if (calls === undefined) return 1;
  const n = Number(calls);
  if (!Number.isInteger(n) || n < 1 || n > MAX_CALLS)
    throw usage(`--calls ${JSON.stringify(calls)}: expected a whole number from 1 to ${MAX_CALLS}`);
  return n;
}
