#!/usr/bin/env node
// Usage: node scripts/test-summary.mjs <vitest-json-report>...
// Sums vitest JSON reports and prints, alone on its last line:  tests: N passed, M failed[, K skipped]
// Exit 1 if anything failed (including test files that errored before/around their tests, e.g. an import error or
// a failing beforeAll, which vitest reports as failed files with no failed test), if a report is missing or
// unreadable, or if no test ran at all; else 0.
import { readFileSync } from 'node:fs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node scripts/test-summary.mjs <vitest-json-report>...');
  process.exit(2);
}

let passed = 0;
let failed = 0;
let skipped = 0;
let total = 0;
let problems = 0;

for (const file of files) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    console.log(`${file}: cannot read report (${err.code ?? err.message})`);
    problems++;
    continue;
  }
  const n = (key) => (Number.isFinite(report[key]) ? report[key] : 0);
  const fileErrors = [];
  for (const tr of Array.isArray(report.testResults) ? report.testResults : []) {
    const assertions = Array.isArray(tr.assertionResults) ? tr.assertionResults : [];
    if (tr.status === 'failed' && !assertions.some((a) => a.status === 'failed')) {
      fileErrors.push(`${tr.name}: ${String(tr.message || 'failed').split('\n')[0]}`);
    }
  }
  let f = n('numFailedTests') + fileErrors.length;
  // Belt and braces: vitest marks the run unsuccessful for reasons we could not attribute above.
  if (report.success === false && f === 0 && n('numTotalTests') > 0) {
    fileErrors.push('report says success=false');
    f = 1;
  }
  const p = n('numPassedTests');
  const s = n('numPendingTests') + n('numTodoTests');
  passed += p;
  failed += f;
  skipped += s;
  total += n('numTotalTests');
  console.log(`${file}: ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''} (of ${n('numTotalTests')})`);
  for (const e of fileErrors) console.log(`  file error: ${e}`);
}

if (total === 0) console.log('no test ran: counting that as a failure');
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || problems > 0 || total === 0 ? 1 : 0);
