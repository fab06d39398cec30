import type { Command } from 'commander';

// Placeholder until the command is implemented: registers nothing yet.
export function registerValidate(_program: Command): void {}
