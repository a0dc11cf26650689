#!/usr/bin/env node
// Type-checks each TypeScript project in turn with `tsc -p <tsconfig> --noEmit` (no project references: those would
// need `composite`). Missing projects, and projects with no .ts/.tsx file yet, are skipped. Runs them all, then
// exits 1 if any failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const projects = [
  'packages/contracts/tsconfig.json',
  'packages/server/tsconfig.json',
  'packages/cli/tsconfig.json',
  'packages/console/tsconfig.json',
  'e2e/tsconfig.json',
  'bench/tsconfig.json',
  'tsconfig.json', // root: vitest.config.ts
];

function hasTsFile(dir, depth = 0) {
  if (depth > 0 && existsSync(join(dir, 'tsconfig.json'))) return false; // nested project: not ours
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (['node_modules', 'dist', 'coverage', 'results', '.git'].includes(entry.name)) continue;
      if (depth === 0 && dir === root) continue; // root project: only top-level files
      if (hasTsFile(join(dir, entry.name), depth + 1)) return true;
    } else if (/\.(c|m)?tsx?$/.test(entry.name)) {
      return true;
    }
  }
  return false;
}

const failed = [];
for (const project of projects) {
  const path = join(root, project);
  if (!existsSync(path)) {
    console.log(`typecheck: ${project}: skipped (no such file)`);
    continue;
  }
  if (!hasTsFile(dirname(path))) {
    console.log(`typecheck: ${project}: skipped (no TypeScript files yet)`);
    continue;
  }
  console.log(`typecheck: ${project} ...`);
  const started = Date.now();
  const res = spawnSync('npx', ['--no', '--', 'tsc', '-p', project, '--noEmit'], { cwd: root, stdio: 'inherit' });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (res.error || res.status !== 0) {
    console.log(`typecheck: ${project}: FAILED (${res.error ? res.error.message : `exit ${res.status}`}, ${secs}s)`);
    failed.push(project);
  } else {
    console.log(`typecheck: ${project}: ok (${secs}s)`);
  }
}

if (failed.length > 0) {
  console.log(`typecheck: ${failed.length} project(s) failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('typecheck: all projects ok');
