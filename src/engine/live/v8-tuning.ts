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
