#!/usr/bin/env node
// Builds packages/console (vite build) only when its dist/index.html is missing or older than any input:
// packages/console/{src/**, index.html, vite.config.ts} and packages/contracts/src/**.
// Prints one line saying whether it built or was up to date; exits non-zero if the build fails.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const consoleDir = join(root, 'packages/console');
const distIndex = join(consoleDir, 'dist/index.html');
const inputs = [
  join(consoleDir, 'src'),
  join(consoleDir, 'index.html'),
  join(consoleDir, 'vite.config.ts'),
  join(root, 'packages/contracts/src'),
];

function mtimeOrNull(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/** Newest file under `path` (a file or a directory, walked recursively). Missing paths are ignored. */
function newest(path, best = { mtime: -Infinity, file: null }) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return best;
  }
  if (st.isDirectory()) {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      newest(join(path, entry.name), best);
    }
  } else if (st.mtimeMs > best.mtime) {
    best.mtime = st.mtimeMs;
    best.file = path;
  }
  return best;
}

const built = mtimeOrNull(distIndex);
const latest = inputs.reduce((best, p) => newest(p, best), { mtime: -Infinity, file: null });

let reason;
if (built === null) reason = 'dist/index.html missing';
else if (latest.mtime > built) reason = `${relative(root, latest.file)} changed`;

if (!reason) {
  console.log('ensure-console: packages/console/dist is up to date');
  process.exit(0);
}

const started = Date.now();
const res = spawnSync('npx', ['--no', '--', 'vite', 'build'], { cwd: consoleDir, stdio: 'inherit' });
if (res.error || res.status !== 0) {
  const why = res.error ? res.error.message : res.signal ? `signal ${res.signal}` : `exit ${res.status}`;
  console.error(`ensure-console: vite build failed (${why})`);
  process.exit(res.status || 1);
}
console.log(`ensure-console: built packages/console/dist in ${((Date.now() - started) / 1000).toFixed(1)}s (${reason})`);
