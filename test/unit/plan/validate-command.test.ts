import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerValidate } from '../../../src/cli/commands/validate.js';
import { LANGUAGES } from '../../../src/plan/index.js';
import { FIXTURE_PROMPTS } from './support/fixtures.js';
import { writeAnnouncements } from './support/wav.js';

let work: string;
let announcements: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'vms-validate-'));
  announcements = join(work, 'announcements');
  writeAnnouncements(announcements, FIXTURE_PROMPTS, LANGUAGES);
});

afterEach(() => {
  rmSync(work, { recursive: true, force: true });
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

/** Runs `vms validate <args>` in-process; returns what it printed and the exit code it set. */
async function validate(args: string[]): Promise<{ out: string; exitCode: number | undefined }> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const program = new Command('vms').exitOverride();
  registerValidate(program);
  process.exitCode = undefined;
  await program.parseAsync(['validate', ...args], { from: 'user' });
  const exitCode = process.exitCode === undefined ? undefined : Number(process.exitCode);
  vi.restoreAllMocks();
  return { out, exitCode };
}

describe('vms validate', () => {
  it('exits 0 and prints only the summary for the example plans', async () => {
    const { out, exitCode } = await validate(['plans', '--announcements', announcements]);
    expect(out).toBe('0 errors, 0 warnings in 8 files\n');
    expect(exitCode).toBe(0);
  });

  it('prints each diagnostic with its position then the summary, and exits 1 on an error', async () => {
    const plans = join(work, 'plans');
    mkdirSync(plans);
    writeFileSync(
      join(plans, 'p.yaml'),
      'kind: plan\nname: p\nstart: a\nnodes:\n  a: { type: announcement, prompt: closed, next: b }\n',
    );
    const { out, exitCode } = await validate([plans, '--announcements', announcements]);
    expect(out.split('\n')).toEqual([
      `${join(plans, 'p.yaml')}:5:50 nodes.a.next: unknown node "b" [PLAN_UNKNOWN_NODE]`,
      '1 error, 0 warnings in 1 file',
      '',
    ]);
    expect(exitCode).toBe(1);
  });

  it('prints JSON with --json', async () => {
    const { out, exitCode } = await validate([
      'test/fixtures/plans/bad/loops',
      '--announcements',
      announcements,
      '--json',
    ]);
    const report = JSON.parse(out) as { ok: boolean; summary: string; diagnostics: { code: string }[] };
    expect(report.ok).toBe(false);
    expect(report.summary).toBe('1 error, 1 warning in 1 file');
    expect(report.diagnostics.map((d) => d.code)).toEqual(['PLAN_INFINITE_LOOP', 'PLAN_LOOP']);
    expect(exitCode).toBe(1);
  });
});
