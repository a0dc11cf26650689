import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Who holds an embedded database folder. */
export interface LockOwner {
  pid: number;
  purpose: string;
  url?: string;
}

/** Thrown when another live process holds the embedded database. */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(`the embedded database in ${dataDir} is in use by process ${owner.pid} (${owner.purpose}${owner.url ? ` at ${owner.url}` : ''})`);
    this.name = 'DataDirBusyError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite lets one process open a folder; a second would corrupt it. The lock file names the holder,
 * so a CLI command can say exactly what to do; a lock left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string, owner: Omit<LockOwner, 'pid'>): { release(): void; update(patch: Partial<LockOwner>): void } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'orgdesk.lock');
  const mine: LockOwner = { pid: process.pid, ...owner };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(mine));
      closeSync(fd);
      return {
        release: () => rmSync(file, { force: true }),
        update: (patch) => {
          Object.assign(mine, patch);
          rmSync(file, { force: true });
          const again = openSync(file, 'wx', 0o600);
          writeSync(again, JSON.stringify(mine));
          closeSync(again);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: LockOwner | null = null;
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
      } catch {
        holder = null; // unreadable: half-written by a process that died
      }
      if (holder && holder.pid !== process.pid && alive(holder.pid)) throw new DataDirBusyError(dataDir, holder);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

/** The current holder of a data folder's lock, if a live process holds it. */
export function readDataDirLock(dataDir: string): LockOwner | null {
  try {
    const holder = JSON.parse(readFileSync(join(dataDir, 'orgdesk.lock'), 'utf8')) as LockOwner;
    return alive(holder.pid) ? holder : null;
  } catch {
    return null;
  }
}
