import { readFileSync } from 'node:fs';

/** Where "now" comes from, so tests can move time without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock a test can set and advance. */
export class ManualClock implements Clock {
  constructor(private current = new Date()) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * A clock running a number of milliseconds ahead of the system's, that number read from a file (at most every
 * 100 ms). Browser tests set ORGDESK_CLOCK_OFFSET_FILE to move a real server across working hours; never in production.
 */
export class FileOffsetClock implements Clock {
  private offsetMs = 0;
  private readAt = 0;

  constructor(private readonly path: string) {}

  now(): Date {
    const real = Date.now();
    if (real - this.readAt > 100) {
      this.readAt = real;
      try {
        this.offsetMs = Number(readFileSync(this.path, 'utf8').trim()) || 0;
      } catch {
        this.offsetMs = 0; // no file yet: no offset
      }
    }
    return new Date(real + this.offsetMs);
  }
}
