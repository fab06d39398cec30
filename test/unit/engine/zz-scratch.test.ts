import { it } from 'vitest';
import { simulateCli } from '../../../src/cli/commands/simulate.js';
it('scratch', async () => {
  const args = JSON.parse(process.env['SIM_ARGS'] ?? '[]') as string[];
  let out = '';
  const io = { out: (t: string) => { out += t; }, err: (t: string) => { out += `ERR ${t}`; } };
  const code = await simulateCli(args, io);
  console.log(`${out}\nexit ${code}`);
});
