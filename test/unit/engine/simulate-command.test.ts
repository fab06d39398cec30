import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateCli } from '../../../src/cli/commands/simulate.js';
import type { SimulatedCall } from '../../../src/engine/dry-run/simulate-calls.js';

/** A Tuesday at 10:00 in Brussels unless a test gives its own --at (the last one wins). */
const BASE = ['--plans', 'plans', '--announcements', 'announcements', '--at', '2026-12-01T10:00'];

async function simulate(args: string[]) {
  let out = '';
  let err = '';
  const code = await simulateCli([...BASE, ...args], {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}

async function call(args: string[]): Promise<SimulatedCall> {
  const { code, out, err } = await simulate([...args, '--json']);
  expect(code, err).toBe(0);
  return JSON.parse(out) as SimulatedCall;
}

const path = (c: SimulatedCall) => c.steps.map((s) => `${s.node}:${s.output}`);

describe('vms simulate: route-all (+3278000001)', () => {
  it('rings the main number', async () => {
    const c = await call(['--to', '+3278000001', '--from', '+3222000000']);
    expect(c).toMatchObject({ group: 'walkthrough-route-all', plan: 'route-all', rang: ['+3222022200'] });
    expect(c.end).toMatchObject({ how: 'completed', outcome: 'answered' });
  });

  it('releases with 486 when the main number is busy', async () => {
    const c = await call(['--to', '+3278000001', '--from', '+3222000000', '--outcome', 'busy']);
    expect(c.steps[0]).toMatchObject({ output: 'busy', target: 'hangup' });
    expect(c.end).toMatchObject({ how: 'released', status: 486 });
  });
});

describe('vms simulate: origin-split (+3278000002)', () => {
  it.each([
    ['+3222000000', 'brussels', '+3222022211'],
    ['+3231234567', 'antwerp', '+3232022212'],
    ['+3281234567', 'namur', '+3281022213'],
    ['+33123456789', 'rest', '+3222022200'],
  ])('caller %s takes %s and rings %s', async (from, zone, number) => {
    const c = await call(['--to', '+3278000002', '--from', from]);
    expect(c.steps[0]).toMatchObject({ node: 'by-origin', type: 'origin', output: zone });
    expect(c.rang).toEqual([number]);
  });

  it('falls back to the main number when Brussels does not answer (--outcome noAnswer,answered)', async () => {
    const c = await call(['--to', '+3278000002', '--from', '+3222000000', '--outcome', 'noAnswer,answered']);
    expect(path(c)).toEqual(['by-origin:brussels', 'brussels:noAnswer', 'main:answered']);
    expect(c.rang).toEqual(['+3222022211', '+3222022200']);
  });
});

describe('vms simulate: office-hours (+3278000003)', () => {
  const at = async (time: string) => call(['--to', '+3278000003', '--from', '+3222000000', '--at', time]);

  it('plays closed and hangs up on a holiday', async () => {
    const c = await at('2026-12-25T10:00');
    expect(path(c)).toEqual(['hours:holidays', 'closed:next']);
    expect(c.played.map((p) => p.prompts)).toEqual([['closed']]);
    expect(c.rang).toEqual([]);
    expect(c.end).toMatchObject({ how: 'released', status: 480 });
  });

  it('rings the office on a Tuesday at 10:00 and the main number on a Sunday', async () => {
    expect((await at('2026-12-01T10:00')).rang).toEqual(['+3222022221']);
    const sunday = await at('2026-12-06T10:00');
    expect(path(sunday)).toEqual(['hours:rest', 'main:answered']);
  });

  it('reads 07:30 UTC as 09:30 (open) before the October DST change and 08:30 (closed) after it', async () => {
    expect(path(await at('2026-10-23T07:30:00Z'))[0]).toBe('hours:open');
    expect(path(await at('2026-10-26T07:30:00Z'))[0]).toBe('hours:rest');
  });

  it('takes local times across the March DST change in Brussels time', async () => {
    const monday = await at('2026-03-30T09:00');
    expect(monday.startedAt).toBe('2026-03-30T09:00:00.000+02:00');
    expect(path(monday)[0]).toBe('hours:open');
  });
});

describe('vms simulate: language-menu (+3278000004)', () => {
  const menu = async (dtmf?: string) =>
    call(['--to', '+3278000004', '--from', '+3222000000', ...(dtmf === undefined ? [] : ['--dtmf', dtmf])]);

  it('1 sets French and rings the French desk', async () => {
    const c = await menu('1');
    expect(c.steps[0]).toMatchObject({ output: '1', target: 'sales-fr' });
    expect(c.variables['language']).toBe('fr');
    expect(c.rang).toEqual(['+3222022231']);
  });

  it('2 sets Dutch and rings the Dutch desk', async () => {
    const c = await menu('2');
    expect(c.steps[0]).toMatchObject({ output: '2', target: 'sales-nl' });
    expect(c.variables['language']).toBe('nl');
    expect(c.rang).toEqual(['+3222022232']);
  });

  it('no input twice goes to the main number', async () => {
    const c = await menu();
    expect(path(c)).toEqual(['menu:noInput', 'main:answered']);
    expect(c.played.map((p) => p.prompts.join('+'))).toEqual(['choose-language', 'choose-language']);
  });

  it('invalid input twice goes to the main number, with the invalid prompt before the retry', async () => {
    const c = await menu('99');
    expect(path(c)).toEqual(['menu:invalid', 'main:answered']);
    expect(c.played.map((p) => p.prompts.join('+'))).toEqual([
      'choose-language',
      'invalid-choice+choose-language',
    ]);
  });

  it('an invalid digit then 2 still reaches the Dutch desk', async () => {
    expect((await menu('92')).rang).toEqual(['+3222022232']);
  });
});

describe('vms simulate: limited-queue (+3278000005) with --calls', () => {
  it('lets 3 calls through, queues the next 10, refuses the rest, and times out the queue after 2 minutes', async () => {
    const { code, out } = await simulate([
      '--to',
      '+3278000005',
      '--from',
      '+3222000000',
      '--calls',
      '15',
      '--json',
    ]);
    expect(code).toBe(0);
    const { calls } = JSON.parse(out) as { calls: SimulatedCall[] };
    const first = calls.map((c) => c.steps[0]?.output);
    expect(first).toEqual([
      ...Array(4).fill('answered'),
      ...Array(9).fill('queueTimeout'),
      'queueFull',
      'queueFull',
    ]);
    expect(calls[3]?.steps[0]?.reason).toContain('3 calls in the last 20s (limit 3)');
    expect(calls[3]?.steps[0]?.reason).toContain('waited 20s in queue');
    expect(calls[4]?.steps[1]).toMatchObject({ node: 'main', at: expect.stringContaining('T10:02:00') });
    expect(calls[4]?.played.map((p) => p.prompts.join('+')).slice(0, 3)).toEqual([
      'queue-welcome',
      'queue-position+digit-2',
      'queue-first',
    ]);
    expect(calls[12]?.steps[0]?.reason).toContain('9 caller(s) already in the queue');
    expect(calls[13]?.rang).toEqual(['+3222022200']);
  }, 30_000);

  it('a single call goes straight through', async () => {
    const c = await call(['--to', '+3278000005', '--from', '+3222000000']);
    expect(c.steps[0]?.reason).toContain('slot 1/4, 1/3 calls in 20s');
    expect(c.rang).toEqual(['+3222022251']);
  });
});

describe('vms simulate: vip-only (+3278000006)', () => {
  it('rings the VIP desk for a listed caller', async () => {
    const c = await call(['--to', '+3278000006', '--from', '+32475000001']);
    expect(path(c)).toEqual(['check-vip:listed', 'vip-desk:answered']);
    expect(c.rang).toEqual(['+3222022241']);
  });

  it('plays vip-only and rejects with 603 for any other caller', async () => {
    const c = await call(['--to', '+3278000006', '--from', '+32475000009']);
    expect(path(c)).toEqual(['check-vip:notListed', 'reject:hangup']);
    expect(c.played.map((p) => p.prompts)).toEqual([['vip-only']]);
    expect(c.end).toMatchObject({ how: 'released', status: 603 });
    expect(c.released?.status).toBe(603);
  });
});

describe('vms simulate: output and errors', () => {
  it('prints the path, the numbers rung and the end as text', async () => {
    const { code, out } = await simulate([
      '--to',
      '+3278000002',
      '--from',
      '+3222000000',
      '--outcome',
      'noAnswer',
    ]);
    expect(code).toBe(0);
    expect(out).toContain('group walkthrough-origin-split, plan origin-split');
    expect(out).toMatch(/by-origin\s+origin\s+brussels -> brussels/);
    expect(out).toContain('rang: +3222022211, +3222022200');
    expect(out).toContain('assumed');
  });

  it('exits 1 for a number that belongs to no group', async () => {
    const { code, out } = await simulate(['--to', '+3278999999', '--from', '+3222000000']);
    expect(code).toBe(1);
    expect(out).toContain('no number group for +3278999999');
  });

  it.each([
    [['--outcome', 'busy,sleepy'], '--outcome: unknown outcome(s) "sleepy"'],
    [['--at', 'next tuesday'], '--at "next tuesday": not an ISO-8601 time'],
    [['--calls', '0'], '--calls "0"'],
    [['--dtmf', '1x'], '--dtmf "1x"'],
  ])('exits 2 with a clear message for %j', async (extra, message) => {
    const { code, err } = await simulate(['--to', '+3278000001', '--from', '+3222000000', ...extra]);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it('exits 2 when --to is missing', async () => {
    const { code, err } = await simulate(['--from', '+3222000000']);
    expect(code).toBe(2);
    expect(err).toContain('--to');
  });

  it('refuses to run plans with errors: prints them and exits 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vms-simulate-'));
    try {
      await writeFile(join(dir, 'bad.yaml'), 'kind: plan\nname: bad\nstart: nowhere\nnodes: {}\n');
      const { code, err } = await simulateCli(['--plans', dir, '--to', '+3278000001', '--from', '+32'], {
        out: () => {},
        err: (t) => {
          errText += t;
        },
      }).then((c) => ({ code: c, err: errText }));
      expect(code).toBe(1);
      expect(err).toContain('bad.yaml');
      expect(err).toContain('nothing was simulated');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

let errText = '';
