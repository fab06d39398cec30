#!/usr/bin/env -S node --max-semi-space-size=64
// The flag: a young generation sized for calls (src/engine/live/v8-tuning.ts, SEMI_SPACE_MIB).
// The `vms` command. The TypeScript sources are compiled to dist/ by `npm ci` (the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('vms: dist/ is missing; run `npm ci` (or `npm run build`) first\n');
  process.exit(2);
}
await import(entry.href);
