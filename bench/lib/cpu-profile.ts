import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * Profiles this process's CPU while `work` runs and writes a .cpuprofile (open it in Chrome's DevTools) to `path`;
 * with no path, just runs `work`. For diagnosing a benchmark's hot phase without the set-up around it.
 */
export async function withCpuProfile<T>(path: string | null, work: () => Promise<T>): Promise<T> {
  if (!path) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(path, JSON.stringify(profile));
    session.disconnect();
    console.log(`CPU profile written to ${path}`);
  }
}
