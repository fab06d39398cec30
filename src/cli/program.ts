/**
 * `vms`: the command line. One file per command under `commands/`, each exporting `register(program)`.
 * Exit codes: 0 ok, 1 the checked thing has errors (plan, WAV, failed call), 2 bad usage or bad config.
 */
import { Command } from 'commander';
import { registerAnnouncement } from './commands/announcement.js';
import { registerServe } from './commands/serve.js';
import { registerSimulate } from './commands/simulate.js';
import { registerValidate } from './commands/validate.js';

export function buildProgram(): Command {
  const program = new Command('vms')
    .description('SIP call-routing engine: runs YAML routing plans for every call')
    .showHelpAfterError()
    .exitOverride();
  registerServe(program);
  registerValidate(program);
  registerSimulate(program);
  registerAnnouncement(program);
  return program;
}
