#!/usr/bin/env node
// Media benchmark (issue 4): how many simultaneous announcement legs one process sustains with send
// jitter p99 under 2 ms, and how many relayed calls. Run `npm run build` first; loopback only.
// The far ends (a sink for announcements; callers and callees for the relay) run in one child process
// started here, on the other core, and stopped by its PID. Every step is bounded in time.
//   node bench/media.bench.mjs            (BENCH_LEGS=500,1000,2000,3000 BENCH_PAIRS=250,500,1000,1500)
import { fork } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WARMUP_MS = 1000;
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 4000);

// ---- the far ends, in the child process ---------------------------------------------------------------

function runPeer() {
  const sockets = [];
  let received = 0;
  let sent = 0;
  let timer;
  const count = () => {
    received++;
  };
  const bind = () =>
    new Promise((resolve) => {
      const s = createSocket('udp4');
      s.on('message', count);
      // Connected sockets report ICMP port-unreachable as errors once the engine side has closed.
      s.on('error', () => {});
      s.bind(0, '127.0.0.1', () => resolve(s));
    });
  process.on('message', async (msg) => {
    if (msg.type === 'sinks') {
      // Several sinks: one socket's receive buffer cannot hold a tick's burst from thousands of legs.
      for (let i = 0; i < msg.count; i++) sockets.push(await bind());
      process.send({ type: 'sinks', ports: sockets.map((s) => s.address().port) });
    } else if (msg.type === 'pairs') {
      // One socket per far end; each sends a 20 ms A-law packet every tick to its relay leg.
      const ends = [];
      for (const target of msg.targets) {
        const socket = await bind();
        await new Promise((resolve) => socket.connect(target, '127.0.0.1', resolve));
        ends.push({ socket, target });
      }
      const packet = Buffer.alloc(172, 0xd5);
      packet[0] = 0x80;
      packet[1] = 8;
      let seq = 0;
      timer = setInterval(() => {
        seq = (seq + 1) & 0xffff;
        packet.writeUInt16BE(seq, 2);
        packet.writeUInt32BE((seq * 160) >>> 0, 4);
        for (const end of ends) end.socket.send(packet);
        sent += ends.length;
      }, 20);
      sockets.push(...ends.map((e) => e.socket));
      process.send({ type: 'pairs', ports: ends.map((e) => e.socket.address().port) });
    } else if (msg.type === 'hello') {
      const hello = Buffer.alloc(172, 0xd5);
      hello[0] = 0x80;
      hello[1] = 8;
      for (const [port, sink] of msg.targets) sockets[sink].send(hello, port, '127.0.0.1');
      process.send({ type: 'hello' });
    } else if (msg.type === 'count') {
      process.send({ type: 'count', received, sent });
    } else if (msg.type === 'reset') {
      clearInterval(timer);
      for (const s of sockets.splice(0)) s.close();
      received = 0;
      sent = 0;
      process.send({ type: 'reset' });
    }
  });
}

// ---- the engine side --------------------------------------------------------------------------------

async function runBench() {
  const media = await import('../dist/media/index.js').catch(() => {
    console.error('bench/media.bench.mjs: run `npm run build` first');
    process.exit(1);
  });
  const legs = (process.env.BENCH_LEGS ?? '500,1000,2000,3000').split(',').map(Number);
  const pairs = (process.env.BENCH_PAIRS ?? '250,500,1000,1500').split(',').map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'vms-media-bench-'));
  const file = join(dir, 'long.wav');
  writeFileSync(file, media.writeAlawWav(toneSamples(30_000)));
  const child = fork(new URL(import.meta.url).pathname, ['peer'], { stdio: 'inherit' });
  const ask = (message, type = message.type) =>
    new Promise((resolve) => {
      const on = (reply) => {
        if (reply.type !== type) return;
        child.off('message', on);
        resolve(reply);
      };
      child.on('message', on);
      child.send(message);
    });
  const stopChild = () => child.kill('SIGKILL');
  process.on('exit', stopChild);
  try {
    const service = new media.MediaService({
      rtpPorts: { min: 20000, max: 39999 },
      rtpAddress: '127.0.0.1',
      rtpTimeoutMs: 0,
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

/** N legs each playing the long file to the sink; send-time jitter measured per leg on every packet. */
async function announcementStep(service, file, n, ask) {
  const { ports } = await ask({ type: 'sinks', count: Math.ceil(n / 100) });
  const sessions = [];
  const jitter = new Histogram();
  let measuring = false;
  for (let i = 0; i < n; i++) {
    const session = await service.openSession();
    session.start(negotiated(ports[i % ports.length]));
    watchSends(session, (deviation) => {
      if (measuring) jitter.add(deviation);
    });
    sessions.push(session);
  }
  // As a caller would, each sink sends its legs a first packet: they latch onto it (symmetric RTP).
  await ask({ type: 'hello', targets: sessions.map((s, i) => [s.local.port, i % ports.length]) });
  while (sessions.some((s) => s.stats.received === 0)) await sleep(10);
  // Listeners run in subscription order: one before and one after every leg times each tick's work.
  const work = new Histogram();
  let tickStart = 0;
  const offFirst = service.scheduler.subscribe(() => {
    tickStart = performance.now();
  });
  const plays = sessions.map((s) => s.play([file]));
  await new Promise((resolve) => setImmediate(resolve)); // the legs subscribe once their files are loaded
  const offLast = service.scheduler.subscribe(() => {
    if (measuring) work.add(performance.now() - tickStart);
  });
  await sleep(WARMUP_MS);
  const before = await ask({ type: 'count' });
  const cpu = process.cpuUsage();
  const sentBefore = sum(sessions, 'sent');
  measuring = true;
  const start = performance.now();
  await sleep(WINDOW_MS);
  measuring = false;
  const elapsed = performance.now() - start;
  const cpuUsed = process.cpuUsage(cpu);
  const cpuPercent = cpuOf(cpuUsed, elapsed);
  const sent = sum(sessions, 'sent') - sentBefore;
  const after = await ask({ type: 'count' });
  offFirst();
  offLast();
  for (const s of sessions) s.close();
  await Promise.all(plays);
  await ask({ type: 'reset' });
  return {
    legs: n,
    pps: Math.round((sent * 1000) / elapsed),
    received: pct((after.received - before.received) / sent),
    p50: jitter.quantile(0.5),
    p99: jitter.quantile(0.99),
    workP50: work.quantile(0.5),
    work: work.quantile(0.99),
    cpu: cpuPercent,
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
  const { ports } = await ask({ type: 'pairs', targets });
  const all = [...legsA, ...legsB];
  for (const [i, s] of all.entries()) s.start(negotiated(ports[i]));
  const relays = legsA.map((a, i) => media.relay(a, legsB[i]));
  await sleep(WARMUP_MS);
  const relayedBefore = sum(all, 'relayed');
  const farBefore = await ask({ type: 'count' });
  const cpu = process.cpuUsage();
  const start = performance.now();
  await sleep(WINDOW_MS);
  const elapsed = performance.now() - start;
  const cpuUsed = process.cpuUsage(cpu);
  const cpuPercent = cpuOf(cpuUsed, elapsed);
  const relayed = sum(all, 'relayed') - relayedBefore;
  const farAfter = await ask({ type: 'count' });
  const offered = farAfter.sent - farBefore.sent;
  const backAtFarEnds = farAfter.received - farBefore.received;
  for (const r of relays) r.stop();
  for (const s of all) s.close();
  await ask({ type: 'reset' });
  return {
    calls: n,
    offered: Math.round((offered * 1000) / elapsed),
    relayed: Math.round((relayed * 1000) / elapsed),
    delivered: pct(backAtFarEnds / offered),
    cpu: cpuPercent,
    usPerPacket: usPer(cpuUsed, relayed),
  };
}

/** Wraps a session's RTP send to time each packet against the previous one (ideal: 20 ms apart). */
function watchSends(session, report) {
  const socket = session.options.sockets.rtp;
  const send = socket.send.bind(socket);
  let last = 0;
  socket.send = (...args) => {
    const now = performance.now();
    if (last !== 0) report(Math.abs(now - last - 20));
    last = now;
    return send(...args);
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
const cpuOf = (usage, elapsedMs) => {
  const percent = (micros) => Math.round((100 * micros) / 1000 / elapsedMs);
  return `${percent(usage.user + usage.system)}% (${percent(usage.system)}% sys)`;
};

function printTables(announcements, relays) {
  console.log('\nAnnouncement legs (send jitter = |gap between two packets of a leg - 20 ms|;');
  console.log('tick work = time to send one packet on every leg, from the first leg to the last)\n');
  console.log(
    '| legs | packets/s | at sink | jitter p50 | jitter p99 | tick work p50 | tick work p99 | CPU | CPU µs/packet | p99 < 2 ms |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |');
  for (const r of announcements) {
    const ok = r.p99 < 2 ? 'yes' : 'no';
    console.log(
      `| ${r.legs} | ${r.pps} | ${r.received} | ${r.p50.toFixed(2)} ms | ${r.p99.toFixed(2)} ms | ${r.workP50.toFixed(2)} ms | ${r.work.toFixed(2)} ms | ${r.cpu} | ${r.usPerPacket} | ${ok} |`,
    );
  }
  console.log('\nRelayed calls (50 packets/s each way per call)\n');
  console.log(
    '| calls | offered packets/s | relayed packets/s | back at the far ends | CPU | CPU µs/packet |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of relays) {
    console.log(
      `| ${r.calls} | ${r.offered} | ${r.relayed} | ${r.delivered} | ${r.cpu} | ${r.usPerPacket} |`,
    );
  }
}

if (process.argv[2] === 'peer') runPeer();
else await runBench();
