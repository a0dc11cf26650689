#!/usr/bin/env node
// Runs every benchmark in sequence (`npm run bench`), each in its own process through tsx.
// Arguments after `--` go to every benchmark; a name (cold-start, sign-in, http-baseline, import, wecom) runs only those:
//   npm run bench               all five
//   npm run bench -- sign-in    one
//   npm run bench -- import --pg    the import on PGlite and on the PostgreSQL of DATABASE_URL
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const all = ['cold-start', 'sign-in', 'http-baseline', 'import', 'access', 'wecom'];
const args = process.argv.slice(2);
const picked = args.filter((a) => all.includes(a));
const passThrough = args.filter((a) => !all.includes(a));
const benchmarks = picked.length > 0 ? picked : all;

const failed = [];
for (const name of benchmarks) {
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`\n=== ${name} (load average ${load}) ===\n`);
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, `${name}.ts`), ...passThrough], { stdio: 'inherit', cwd: join(benchDir, '..') });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.error || result.status !== 0) {
    console.log(`=== ${name}: FAILED (${result.error ? result.error.message : `exit ${result.status ?? result.signal}`}, ${seconds} s) ===`);
    failed.push(name);
  } else {
    console.log(`=== ${name}: done in ${seconds} s ===`);
  }
}
if (failed.length > 0) {
  console.log(`\n${failed.length} benchmark(s) failed to run: ${failed.join(', ')}`);
  process.exit(1);
}
