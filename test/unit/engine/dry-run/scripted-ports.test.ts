import { describe, expect, it } from 'vitest';
import { BridgeGate } from '../../../../src/engine/dry-run/bridge-gate.js';
import { ScriptedCallControl } from '../../../../src/engine/dry-run/scripted-call-control.js';
import {
  DTMF_SCRIPT,
  parseDtmfScript,
  ScriptedMediaControl,
} from '../../../../src/engine/dry-run/scripted-media.js';
import { VirtualClock } from '../../../../src/engine/dry-run/virtual-clock.js';

describe('ScriptedCallControl', () => {
  it('gives the scripted outcomes in turn, then answered, saying it was assumed', async () => {
    const call = new ScriptedCallControl({ clock: new VirtualClock(0), outcomes: ['busy'] });
    expect((await call.ring(['+321'], { parallel: false, ringTimeout: 1000 })).outcome).toBe('busy');
    const next = await call.ring(['+322'], { parallel: false, ringTimeout: 1000 });
    expect(next).toMatchObject({ outcome: 'answered', answeredBy: '+322' });
    expect(next.reason).toContain('assumed');
  });

  it('lets a noAnswer last the ring timeout on the clock', async () => {
    const clock = new VirtualClock(0);
    const call = new ScriptedCallControl({ clock, outcomes: ['noAnswer'] });
    await call.ring(['+321'], { parallel: false, ringTimeout: 20_000 });
    expect(clock.now()).toBe(20_000);
  });

  it('treats an interrupted outcome as the caller hanging up', async () => {
    const call = new ScriptedCallControl({ clock: new VirtualClock(0), outcomes: ['interrupted'] });
    await call.ring(['+321'], { parallel: false, ringTimeout: 1000 });
    expect(call.callerGone).toBe(true);
    await call.callerGonePromise;
    expect((await call.ring(['+322'], { parallel: false, ringTimeout: 1000 })).outcome).toBe('interrupted');
  });

  it('keeps the first release only (release is idempotent)', async () => {
    const call = new ScriptedCallControl({ clock: new VirtualClock(0) });
    await call.release({ status: 603, reason: 'first' });
    await call.release({ status: 500, reason: 'second' });
    expect(call.released).toEqual({ status: 603, reason: 'first' });
  });
});

describe('--dtmf scripts', () => {
  it('reads one digit per collection, commas for multi-digit entries, _ for no input', () => {
    expect(parseDtmfScript('12')).toEqual(['1', '2']);
    expect(parseDtmfScript('101,2')).toEqual(['101', '2']);
    expect(parseDtmfScript('_1')).toEqual([undefined, '1']);
    expect(parseDtmfScript('_,101#')).toEqual([undefined, '101#']);
    expect(parseDtmfScript('')).toEqual([]);
  });

  it('accepts only DTMF symbols', () => {
    expect(DTMF_SCRIPT.test('12*#A_,3')).toBe(true);
    expect(DTMF_SCRIPT.test('1x')).toBe(false);
    expect(DTMF_SCRIPT.test('1,,2')).toBe(false);
  });
});

describe('ScriptedMediaControl', () => {
  it('gives one scripted input per collection, cut at the terminator and maxDigits', async () => {
    const media = new ScriptedMediaControl({ clock: new VirtualClock(0), dtmf: ['12#9', '98765'] });
    const request = { prompts: ['menu'], language: 'fr' as const, timeout: 5000, interDigitTimeout: 3000 };
    expect(await media.collectDigits({ ...request, maxDigits: 4, terminator: '#' })).toEqual({
      ended: 'digits',
      digits: '12',
    });
    expect(await media.collectDigits({ ...request, maxDigits: 3 })).toEqual({
      ended: 'digits',
      digits: '987',
    });
    expect(media.played).toHaveLength(2);
  });

  it('times out after the request timeout when the script has no input left', async () => {
    const clock = new VirtualClock(0);
    const media = new ScriptedMediaControl({ clock });
    const result = await media.collectDigits({
      prompts: [],
      language: 'nl',
      maxDigits: 1,
      timeout: 5000,
      interDigitTimeout: 1,
    });
    expect(result).toEqual({ ended: 'timeout', digits: '' });
    expect(clock.now()).toBe(5000);
  });
});

describe('BridgeGate', () => {
  it('ends every bridge once all calls have been routed', async () => {
    const gate = new BridgeGate(3);
    let ended = 0;
    const bridges = ['a', 'b'].map((id) => gate.bridgeEnds(id).then(() => ended++));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toBe(0);
    gate.arrive('a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toBe(0);
    gate.arrive('c');
    await Promise.all(bridges);
    expect(ended).toBe(2);
  });
});
