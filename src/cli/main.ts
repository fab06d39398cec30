/** Entry point of the `vms` command (bin/vms.js imports the compiled file). */
import { CommanderError } from 'commander';
import { isAppError } from '../errors/app-error.js';
import { buildProgram } from './program.js';

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv as string[], { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (isAppError(err)) {
      process.stderr.write(`vms: ${err.code}: ${err.message}\n`);
      return err.code.startsWith('CONFIG_') ? 2 : 1;
    }
    throw err;
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
