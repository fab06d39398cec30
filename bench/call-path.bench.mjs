#!/usr/bin/env node
// The engine's own cost per call, without the kernel and without SIPp: the real engine (plans, store,
// SIP stack, B2BUA, call server) runs in this process with its UDP transport swapped for an in-memory
// one; a caller and a destination written as string templates (a few µs per message) drive
// `+3278000001` calls through the same flow as `make bench` (INVITE, 180, 200, ACK, BYE, 200).
// One thread, no syscalls per message: the CPU per call is repeatable to a few percent on a busy machine,
// which the socket benchmark is not. Run `npm run build` first.
//   node bench/call-path.bench.mjs   (BENCH_CALLS=20000 BENCH_CONCURRENT=50; BENCH_DEBUG=1 prints each message's
//   first line; BENCH_SNAPSHOT=file.heapsnapshot writes a heap snapshot after the run)
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dist = (path) => import(resolve(root, 'dist', path));
const { UdpTransport } = await dist('sip/transport/udp-transport.js');
const { OverloadGuard } = await dist('sip/transport/overload-guard.js');
const { loadConfig } = await dist('config/config.js');
const { silentLogger } = await dist('log/logger.js');
const { startLiveEngine } = await dist('engine/live/start-live-engine.js');
const { tuneV8ForCalls } = await dist('engine/live/v8-tuning.js');
tuneV8ForCalls(); // as `vms serve` does

const CALLS = Number(process.env.BENCH_CALLS ?? 20000);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 50);
const WARMUP = Math.min(2000, Math.floor(CALLS / 5));
const ENGINE = { transport: 'udp', address: '127.0.0.1', port: 5060 };
const CALLER = { transport: 'udp', address: '127.0.0.1', port: 5070 };
const CALLEE = { transport: 'udp', address: '127.0.0.1', port: 5090 };

// ---- the in-memory transport ---------------------------------------------------------------------------
// The event-loop delay guard is not under test: this loop never idles, by design.
OverloadGuard.prototype.start = () => {};
let sink;
const outbox = [];
UdpTransport.prototype.start = async function start() {
  sink = this.sink;
  this.endpoints.push({ ...ENGINE });
};
UdpTransport.prototype.stop = async function stop() {};
UdpTransport.prototype.send = function send(data, destination) {
  outbox.push(data, destination.port);
  schedulePump();
};

const engine = await startLiveEngine(
  loadConfig({
    ...process.env,
    VMS_SIP_LISTEN: '127.0.0.1:5060',
    VMS_SIP_TRANSPORTS: 'udp',
    VMS_EGRESS: `udp:127.0.0.1:${CALLEE.port}`,
    VMS_ADMIN_LISTEN: '',
    VMS_LOG_LEVEL: 'silent',
    VMS_PLANS_DIR: resolve(root, 'plans'),
    VMS_ANNOUNCEMENTS_DIR: resolve(root, 'announcements'),
  }),
  silentLogger(),
);

// ---- caller and destination ----------------------------------------------------------------------------
const SDP =
  'v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n' +
  'm=audio 6000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n';

/** The header lines a response copies from its request (§8.2.6.2), as written. */
function copied(text) {
  let out = '';
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    if (name === 'via' || name === 'from' || name === 'call-id' || name === 'cseq') out += `${line}\r\n`;
    else if (name === 'to') out += `${line}${line.includes('tag=') ? '' : ';tag=callee'}\r\n`;
  }
  return out;
}

function header(text, name) {
  const at = text.indexOf(`\r\n${name}: `);
  return text.slice(at + name.length + 4, text.indexOf('\r\n', at + 2));
}

function deliver(text, from) {
  sink.datagram(Buffer.from(text), from);
}

let started = 0;
let finished = 0;
let done;

function startCall() {
  const n = started++;
  const body = SDP;
  deliver(
    `INVITE sip:+3278000001@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-i${n}\r\n` +
      `From: "caller" <sip:+3222123456@127.0.0.1:5070>;tag=c${n}\r\nTo: <sip:+3278000001@127.0.0.1:5060>\r\n` +
      `Call-ID: call-${n}@bench\r\nCSeq: 1 INVITE\r\nContact: <sip:+3222123456@127.0.0.1:5070>\r\n` +
      `Max-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    CALLER,
  );
}

let failed = 0;

function nextCall() {
  finished++;
  if (finished === WARMUP) measure.start();
  if (started < CALLS) startCall();
  else if (finished === CALLS) done();
}

function toCaller(text) {
  if (/^SIP\/2\.0 [3-6]/.test(text)) {
    failed++; // the stack absorbs the missing ACK after Timer H; the bench only counts the failure
    nextCall();
    return;
  }
  if (!text.startsWith('SIP/2.0 200')) return;
  const cseq = header(text, 'CSeq');
  const callId = header(text, 'Call-ID');
  const n = callId.slice(5, callId.indexOf('@'));
  const common =
    `From: "caller" <sip:+3222123456@127.0.0.1:5070>;tag=c${n}\r\nTo: ${header(text, 'To')}\r\n` +
    `Call-ID: ${callId}\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`;
  if (cseq.endsWith('INVITE')) {
    const target = header(text, 'Contact').replace(/^<|>.*$/g, '');
    deliver(
      `ACK ${target} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-a${n}\r\nCSeq: 1 ACK\r\n${common}`,
      CALLER,
    );
    deliver(
      `BYE ${target} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-b${n}\r\nCSeq: 2 BYE\r\n${common}`,
      CALLER,
    );
  } else if (cseq.endsWith('BYE')) {
    nextCall();
  }
}

function toCallee(text) {
  const contact = 'Contact: <sip:127.0.0.1:5090>\r\n';
  if (text.startsWith('INVITE')) {
    const head = copied(text.slice(0, text.indexOf('\r\n\r\n')));
    deliver(`SIP/2.0 180 Ringing\r\n${head}${contact}Content-Length: 0\r\n\r\n`, CALLEE);
    deliver(
      `SIP/2.0 200 OK\r\n${head}${contact}Content-Type: application/sdp\r\nContent-Length: ${SDP.length}\r\n\r\n${SDP}`,
      CALLEE,
    );
  } else if (text.startsWith('BYE')) {
    deliver(
      `SIP/2.0 200 OK\r\n${copied(text.slice(0, text.indexOf('\r\n\r\n')))}Content-Length: 0\r\n\r\n`,
      CALLEE,
    );
  }
}

// Messages are handed over on the next turn of the event loop, as sockets would.
let pumping = false;
function schedulePump() {
  if (pumping) return;
  pumping = true;
  setImmediate(pump);
}
function pump() {
  if (process.env.BENCH_DEBUG)
    for (let i = 0; i < outbox.length; i += 2)
      console.log(outbox[i + 1], outbox[i].toString().split('\r\n')[0]);
  pumping = false;
  const batch = outbox.splice(0);
  for (let i = 0; i < batch.length; i += 2) {
    const text = batch[i].toString('latin1');
    if (batch[i + 1] === CALLER.port) toCaller(text);
    else toCallee(text);
  }
}

const measure = {
  start() {
    this.cpu = process.cpuUsage();
    this.t0 = performance.now();
  },
};
const finishedAll = new Promise((r) => {
  done = r;
});
const deadline = setTimeout(
  () => {
    console.error(`call-path bench: stuck after ${finished}/${CALLS} calls`);
    process.exit(1);
  },
  Number(process.env.BENCH_DEADLINE_MS ?? 300_000),
);
for (let i = 0; i < CONCURRENT; i++) startCall();
await finishedAll;
clearTimeout(deadline);
const cpu = process.cpuUsage(measure.cpu);
const seconds = (performance.now() - measure.t0) / 1000;
const measured = CALLS - WARMUP;
console.log(
  `call path: ${measured} calls in ${seconds.toFixed(2)} s, ${(measured / seconds).toFixed(0)} calls/s on one thread, ` +
    `${((cpu.user + cpu.system) / measured).toFixed(0)} µs CPU per call (process, GC threads included), ${failed} failed`,
);
if (process.env.BENCH_SNAPSHOT) (await import('node:v8')).writeHeapSnapshot(process.env.BENCH_SNAPSHOT);
const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
const { serverTransactions, clientTransactions, timers } = engine.server.options.stack.stats();
console.log(
  `after the run: heap ${heapMiB.toFixed(0)} MiB, ${serverTransactions} server and ${clientTransactions} client ` +
    `transactions still waiting out their timers (${timers} timers)`,
);
if (failed > 0) process.exitCode = 1;
await engine.stop();
process.exit();
