// Prints "N passed, N failed" from vitest's JSON report. A run that died before vitest
// wrote its report (type or lint errors) counts as one failure, so CI never reads green.
import { existsSync, readFileSync } from "node:fs";

const [reportPath = ".vitest-report.json", statusText = "0"] = process.argv.slice(2);
const status = Number(statusText);

if (!existsSync(reportPath)) {
  console.log("no test report: type-check, lint or the test runner failed before tests ran");
  console.log("0 passed, 1 failed");
  process.exit(status === 0 ? 1 : status);
}
const report = JSON.parse(readFileSync(reportPath, "utf8"));
const passed = report.numPassedTests ?? 0;
const failed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
if (passed === 0 && failed === 0) {
  console.log("the test runner executed no test");
  console.log("0 passed, 1 failed");
  process.exit(1);
}
console.log(
  skipped > 0 ? `${passed} passed, ${failed} failed, ${skipped} skipped` : `${passed} passed, ${failed} failed`,
);
process.exit(failed > 0 || status !== 0 ? Math.max(1, status) : 0);
