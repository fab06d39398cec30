import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for a process that serves calls, applied by `vms serve` before the engine starts.
 *
 * Allocation-site pretenuring is turned off. With it, V8 allocates straight in the old generation the
 * objects of allocation sites whose objects often survive a young-generation GC, and a call's objects
 * (alive ~250 ms, garbage right after) qualify; run to run the same build then settles in a good or a bad
 * mode. `bench/sip-load` at 2,000 calls/s after a warm-up (`--trace-gc-nvp`, 32,000 calls, three runs each):
 * scavenge pauses on the main thread 1,775 / 2,623 / 1,841 ms with it (the 2,623 run, 26.6 KB per call
 * surviving instead of ~19, failed 165 calls) and 1,436–1,767 ms in six runs without; the GC threads' share
 * 2,714 / 5,424 / 2,963 ms against 1,889–2,636. V8 reads the flag at each GC, so setting it at run time works.
 */
export function tuneV8ForCalls(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}

/**
 * The young generation's semi-space (MiB) `vms serve` is meant to run with. V8 sizes its heap when the
 * process starts, so this one is a command-line flag (`node --max-semi-space-size=64`, set by `bin/vms.js`'s
 * first line, `make run` and the benchmarks), not something `tuneV8ForCalls` can change.
 *
 * Why: a call's objects live as long as the call; with V8's default 16 MiB semi-space a scavenge comes every
 * ~100 ms at 2,000 calls/s, so nearly all of them are copied twice and promoted, then marked and swept in the
 * old generation. With 64 MiB most die young. Measured (this repository's harnesses, 2 cores, two alternating
 * runs each): `bench/sip-load`-style socket runs at 2,000 calls/s, engine CPU 561 / 530 µs per call with 16
 * and 505 / 475 with 64 (main thread 440 / 415 and 405 / 381); the in-process call path with calls held
 * 200 ms, 537 / 557 against 495 / 492. 128 and 256 measured no better than 64. Cost: up to ~3 × 64 MiB of
 * young generation.
 */
export const SEMI_SPACE_MIB = 64;

/**
 * The `--max-semi-space-size` this process was started with (command line, then NODE_OPTIONS, the later
 * one winning as in V8), or undefined when V8's default applies.
 */
export function semiSpaceMib(
  execArgv: readonly string[],
  nodeOptions: string | undefined,
): number | undefined {
  let found: number | undefined;
  for (const arg of [...(nodeOptions?.split(/\s+/) ?? []), ...execArgv]) {
    const match = /^--max[-_]semi[-_]space[-_]size=(\d+)$/.exec(arg);
    if (match) found = Number(match[1]);
  }
  return found;
}
