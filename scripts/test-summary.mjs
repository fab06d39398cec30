// Reads vitest's JSON report and prints the plain closing line CI reads: "tests: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.vitest-report.json';
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  console.error(`test-summary: cannot read ${file}: ${err.message}`);
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
const failed = report.numFailedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
const failedSuites = report.numFailedTestSuites ?? 0;
if (failedSuites > 0) console.log(`(${failedSuites} test file(s) failed to run)`);
console.log(`tests: ${passed} passed, ${failed + failedSuites} failed, ${skipped} skipped`);
process.exit(failed + failedSuites > 0 || report.success === false ? 1 : 0);
