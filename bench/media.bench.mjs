#!/usr/bin/env node
// Media benchmark (issue 4): how many simultaneous announcement legs one process sustains with send
// jitter p99 under 2 ms, and how many relayed calls. Run `npm run build` first; loopback only.
// Send jitter of a packet = |the moment it is handed to the socket (socket.send called) - its ideal send
// instant|, the ideal instant being its stream's slot deadline on the scheduler's clock: start + n × 20 ms +
// the stream's phase in the period (TickScheduler.runningDeadline). Deadlines come from the start, so a
// stream that is late on every packet counts as late (its gaps would still be 20 ms). Not measured here:
// the kernel's and the far end's share (inter-arrival at the sink); the sink shares the other core.
// The far ends (a sink for announcements; callers and callees for the relay) are one C process
// (bench/rtp-far-end.c, compiled here with cc), on the other core, stopped by its PID. Every step is
// bounded in time. VMS_RTP_IO=native unless BENCH_RTP_IO=node.
//   node bench/media.bench.mjs            (BENCH_LEGS=500,1000,2000,3000 BENCH_PAIRS=250,500,1000,1500)
// BENCH_WINDOW_MS (4000) is the measured window per step; BENCH_SLOTS the scheduler's slots per period;
// a step list may be empty (BENCH_LEGS= runs the relay only).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WARMUP_MS = 1000;
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 4000);
/** VMS_RTP_IO: `native` (the engine's default) or `node` (BENCH_RTP_IO=node). */
const RTP_IO = process.env.BENCH_RTP_IO ?? 'native';

// ---- the far ends: bench/rtp-far-end.c, compiled here --------------------------------------------------

/**
 * Compiles and starts the far end; `ask(command)` writes one command line and resolves with the words of
 * its one-line reply. A Node far end saturated its core at ~70,000 packets/s, below what the engine
 * relays: the load generator must not be what is measured (as SIPp is C++ for the SIP bench).
 */
function startFarEnd(dir) {
  const binary = join(dir, 'rtp-far-end');
  try {
    execFileSync('cc', ['-O2', '-o', binary, new URL('rtp-far-end.c', import.meta.url).pathname]);
  } catch (err) {
    console.error(
      `bench/media.bench.mjs: cannot compile bench/rtp-far-end.c with cc (apt-get install gcc): ${err.message}`,
    );
    process.exit(1);
  }
  const child = spawn(binary, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting = [];
  let pending = '';
  child.stdout.on('data', (data) => {
    pending += data.toString();
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      waiting.shift()?.(line.split(' '));
    }
  });
  const ask = (command) =>
    new Promise((resolve) => {
      waiting.push(resolve);
      child.stdin.write(`${command}\n`);
    });
  return { child, ask };
}

/** `count` reply: packets received and sent by the far end, and its CPU time in µs. */
async function farCount(ask) {
  const [, received, sent, cpu] = await ask('count');
  return { received: Number(received), sent: Number(sent), cpu: Number(cpu) };
}

const portsOf = (reply) => reply.slice(1).map(Number);

// ---- the engine side --------------------------------------------------------------------------------

async function runBench() {
  const media = await import('../dist/media/index.js').catch(() => {
    console.error('bench/media.bench.mjs: run `npm run build` first');
    process.exit(1);
  });
  const legs = (process.env.BENCH_LEGS ?? '500,1000,2000,3000').split(',').filter(Boolean).map(Number);
  const pairs = (process.env.BENCH_PAIRS ?? '250,500,1000,1500').split(',').filter(Boolean).map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'vms-media-bench-'));
  const file = join(dir, 'long.wav');
  writeFileSync(file, media.writeAlawWav(toneSamples(30_000)));
  const { child, ask } = startFarEnd(dir);
  const stopChild = () => child.kill('SIGKILL');
  process.on('exit', stopChild);
  try {
    const slots = process.env.BENCH_SLOTS;
    const service = new media.MediaService({
      rtpPorts: { min: 20000, max: 39999 },
      rtpAddress: '127.0.0.1',
      rtpTimeoutMs: 0,
      scheduler: slots === undefined ? undefined : new media.TickScheduler({ slots: Number(slots) }),
      rtpIo: RTP_IO,
    });
    await service.announcements.load(file);
    const announcementRows = [];
    for (const n of legs) announcementRows.push(await announcementStep(service, file, n, ask));
    const relayRows = [];
    for (const n of pairs) relayRows.push(await relayStep(media, service, n, ask));
    printTables(announcementRows, relayRows);
  } finally {
    stopChild();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** N legs each playing the long file to the sink; send jitter measured per packet (see the header). */
async function announcementStep(service, file, n, ask) {
  const ports = portsOf(await ask(`sinks ${Math.min(64, Math.ceil(n / 100))}`));
  const sessions = [];
  const jitter = new Histogram();
  const gaps = new Histogram();
  let measuring = false;
  const report = (deviation, gap) => {
    if (!measuring) return;
    jitter.add(deviation);
    if (gap !== undefined) gaps.add(gap);
  };
  const unwatch = [];
  for (let i = 0; i < n; i++) {
    const session = await service.openSession();
    session.start(negotiated(ports[i % ports.length]));
    const batch = session.options.batch;
    if (batch === undefined) unwatch.push(watchSends(session, service.scheduler, report));
    else if (i === 0) unwatch.push(watchBatch(batch, service.scheduler, report));
    sessions.push(session);
  }
  // As a caller would, each sink sends its legs a first packet: they latch onto it (symmetric RTP).
  await ask(`hello ${sessions.map((s, i) => `${s.local.port}:${i % ports.length}`).join(' ')}`);
  while (sessions.some((s) => s.stats.received === 0)) await sleep(10);
  const plays = sessions.map((s) => s.play([file]));
  await sleep(WARMUP_MS);
  const before = await farCount(ask);
  const cpu = process.cpuUsage();
  const waitBefore = runQueueWaitMs();
  const sentBefore = sum(sessions, 'sent');
  measuring = true;
  const start = performance.now();
  await sleep(WINDOW_MS);
  measuring = false;
  const elapsed = performance.now() - start;
  const cpuUsed = process.cpuUsage(cpu);
  const cpuPercent = cpuOf(cpuUsed, elapsed);
  const waited = runQueueWaitMs() - waitBefore;
  const sent = sum(sessions, 'sent') - sentBefore;
  const after = await farCount(ask);
  for (const s of sessions) s.close();
  for (const restore of unwatch) restore();
  await Promise.all(plays);
  await ask('reset');
  return {
    legs: n,
    pps: Math.round((sent * 1000) / elapsed),
    received: pct((after.received - before.received) / sent),
    p50: jitter.quantile(0.5),
    p99: jitter.quantile(0.99),
    max: jitter.max,
    gapP99: gaps.quantile(0.99),
    cpu: cpuPercent,
    farCpu: farCpuOf(before, after, elapsed),
    waited: `${Math.round((waited * 1000) / elapsed)} ms/s`,
    usPerPacket: usPer(cpuUsed, sent),
  };
}

/** N relayed calls: the child sends 50 packets/s on each side of each call; we count what is relayed. */
async function relayStep(media, service, n, ask) {
  const legsA = [];
  const legsB = [];
  for (let i = 0; i < n; i++) {
    legsA.push(await service.openSession());
    legsB.push(await service.openSession());
  }
  const targets = [...legsA, ...legsB].map((s) => s.local.port);
  const ports = portsOf(await ask(`pairs ${targets.join(' ')}`));
  const all = [...legsA, ...legsB];
  for (const [i, s] of all.entries()) s.start(negotiated(ports[i]));
  const relays = legsA.map((a, i) => media.relay(a, legsB[i]));
  await sleep(WARMUP_MS);
  const relayedBefore = sum(all, 'relayed');
  const farBefore = await farCount(ask);
  const cpu = process.cpuUsage();
  const waitBefore = runQueueWaitMs();
  const start = performance.now();
  await sleep(WINDOW_MS);
  const elapsed = performance.now() - start;
  const cpuUsed = process.cpuUsage(cpu);
  const cpuPercent = cpuOf(cpuUsed, elapsed);
  const waited = runQueueWaitMs() - waitBefore;
  const relayed = sum(all, 'relayed') - relayedBefore;
  const farAfter = await farCount(ask);
  const offered = farAfter.sent - farBefore.sent;
  const backAtFarEnds = farAfter.received - farBefore.received;
  for (const r of relays) r.stop();
  for (const s of all) s.close();
  await ask('reset');
  return {
    calls: n,
    offered: Math.round((offered * 1000) / elapsed),
    relayed: Math.round((relayed * 1000) / elapsed),
    delivered: pct(backAtFarEnds / offered),
    cpu: cpuPercent,
    farCpu: farCpuOf(farBefore, farAfter, elapsed),
    waited: `${Math.round((waited * 1000) / elapsed)} ms/s`,
    usPerPacket: usPer(cpuUsed, relayed),
  };
}

/**
 * VMS_RTP_IO=native: packets are queued in the process's PacketBatch during a slot and leave in one native
 * call when the slot's task ends. Reports, per packet, |the moment that call returned (every packet of the
 * batch is in the kernel by then) - the packet's ideal instant|, and |gap since the leg's previous packet
 * - 20 ms|. Returns a function that removes the wrapping.
 */
function watchBatch(batch, scheduler, report) {
  const { add, flush } = batch;
  const queued = [];
  const last = new Map();
  batch.add = function (fd, packet, length) {
    const ideal = scheduler.runningDeadline;
    if (ideal === undefined) throw new Error('announcement packet sent outside a scheduler slot');
    queued.push(fd, ideal);
    return add.call(this, fd, packet, length);
  };
  batch.flush = function () {
    const sent = flush.call(this);
    const now = performance.now();
    for (let i = 0; i < queued.length; i += 2) {
      const previous = last.get(queued[i]);
      report(
        Math.abs(now - queued[i + 1]),
        previous === undefined ? undefined : Math.abs(now - previous - scheduler.periodMs),
      );
      last.set(queued[i], now);
    }
    queued.length = 0;
    return sent;
  };
  return () => {
    batch.add = add;
    batch.flush = flush;
  };
}

/**
 * VMS_RTP_IO=node: wraps a session's RTP socket send: reports |now - the ideal instant of the slot being run| and, for
 * comparison, |gap since the leg's previous packet - 20 ms|. A send outside a scheduler run is a bug here.
 */
function watchSends(session, scheduler, report) {
  const socket = session.options.sockets.rtp;
  const send = socket.send;
  let last;
  // No rest/spread: this runs on every packet and its cost is counted in the engine's CPU.
  socket.send = function (packet) {
    const now = performance.now();
    const ideal = scheduler.runningDeadline;
    if (ideal === undefined) throw new Error('announcement packet sent outside a scheduler slot');
    report(Math.abs(now - ideal), last === undefined ? undefined : Math.abs(now - last - scheduler.periodMs));
    last = now;
    // biome-ignore lint/complexity/noArguments: forwards any dgram signature without allocating.
    return arguments.length === 1 ? send.call(this, packet) : send.apply(this, arguments);
  };
  return () => {
    socket.send = send;
  };
}

class Histogram {
  // 10 µs bins up to 100 ms.
  bins = new Uint32Array(10_000);
  count = 0;
  max = 0;
  add(ms) {
    this.bins[Math.min(this.bins.length - 1, Math.floor(ms * 100))]++;
    this.count++;
    if (ms > this.max) this.max = ms;
  }
  quantile(q) {
    const target = Math.ceil(q * this.count);
    let seen = 0;
    for (let i = 0; i < this.bins.length; i++) {
      seen += this.bins[i];
      if (seen >= target) return (i + 1) / 100;
    }
    return this.max;
  }
}

function toneSamples(ms) {
  const samples = Buffer.alloc(8 * ms);
  for (let i = 0; i < samples.length; i++) samples[i] = 0xd5 ^ (Math.round(20 * Math.sin(i / 3)) & 0x7f);
  return samples;
}

const negotiated = (port) => ({
  codec: 'PCMA',
  payloadType: 8,
  telephoneEvent: 101,
  remote: { address: '127.0.0.1', port },
  direction: 'sendrecv',
});
const usPer = (usage, packets) => ((usage.user + usage.system) / Math.max(1, packets)).toFixed(1);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const sum = (sessions, key) => sessions.reduce((total, s) => total + s.stats[key], 0);
const pct = (ratio) => `${(100 * ratio).toFixed(1)}%`;
const farCpuOf = (before, after, elapsedMs) => `${Math.round((after.cpu - before.cpu) / 10 / elapsedMs)}%`;
/** Time the main thread was ready to run but waited for a CPU (Linux schedstat; 0 elsewhere). */
const runQueueWaitMs = () => {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return 0;
  }
};
const cpuOf = (usage, elapsedMs) => {
  const percent = (micros) => Math.round((100 * micros) / 1000 / elapsedMs);
  return `${percent(usage.user + usage.system)}% (${percent(usage.system)}% sys)`;
};

function printTables(announcements, relays) {
  if (announcements.length > 0) {
    console.log('\nAnnouncement legs (send jitter = |moment handed to the socket - ideal send instant|,');
    console.log("the ideal instant being the stream's phase + n × 20 ms from the scheduler's start;");
    console.log('gap p99 = |interval between two packets of a leg - 20 ms|, for comparison)\n');
    console.log(
      '| legs | packets/s | at sink | CPU | CPU µs/packet | jitter p50 | jitter p99 | jitter max | gap p99 | p99 < 2 ms | waited for a CPU | far-end CPU |',
    );
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: |');
    for (const r of announcements) {
      const ok = r.p99 < 2 ? 'yes' : 'no';
      console.log(
        `| ${r.legs} | ${r.pps} | ${r.received} | ${r.cpu} | ${r.usPerPacket} | ${r.p50.toFixed(2)} ms | ${r.p99.toFixed(2)} ms | ${r.max.toFixed(2)} ms | ${r.gapP99.toFixed(2)} ms | ${ok} | ${r.waited} | ${r.farCpu} |`,
      );
    }
  }
  if (relays.length > 0) {
    console.log('\nRelayed calls (50 packets/s each way per call)\n');
    console.log(
      '| calls | offered packets/s | relayed packets/s | back at the far ends | CPU | CPU µs/packet | calls per core at that cost | waited for a CPU | far-end CPU |',
    );
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of relays) {
      // A call relays 100 packets/s (50 each way): one core's 1,000,000 µs/s over 100 × the cost of one.
      const perCore = Math.floor(1e6 / (100 * Number(r.usPerPacket)));
      console.log(
        `| ${r.calls} | ${r.offered} | ${r.relayed} | ${r.delivered} | ${r.cpu} | ${r.usPerPacket} | ${perCore} | ${r.waited} | ${r.farCpu} |`,
      );
    }
  }
}

await runBench();
