// Prints the README's error-code table from the compiled code list (`npm run build` first):
//   node scripts/error-codes-table.mjs
import { ERROR_CODES } from '../dist/errors/codes.js';

console.log('| code | meaning |\n|---|---|');
for (const [code, meaning] of Object.entries(ERROR_CODES)) console.log(`| \`${code}\` | ${meaning} |`);
