// Command-line flags of the benchmarks: `--name value`.

/** A positive number flag (a whole number when `integer`), or the fallback when absent. */
export function numberFlag(name: string, fallback: number, options: { integer?: boolean } = {}): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  const valid = options.integer ? Number.isInteger(value) && value > 0 : Number.isFinite(value) && value > 0;
  if (!valid) throw new Error(`--${name} needs a positive ${options.integer ? 'whole ' : ''}number`);
  return value;
}

/** A text flag, or null when absent. */
export function textFlag(name: string): string | null {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? null : (process.argv[at + 1] ?? null);
}
