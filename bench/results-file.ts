import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release, platform, arch } from 'node:os';
import { join } from 'node:path';

export interface BenchTarget {
  figure: string;
  limit: number;
  unit: string;
  met: boolean;
}

/** Writes bench/results/<name>.json with the machine and the date, so figures are never quoted without them. */
export function writeResults(name: string, figures: Record<string, unknown>, targets: BenchTarget[]): string {
  const dir = join('bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
  };
  writeFileSync(file, `${JSON.stringify({ name, date: new Date().toISOString(), machine, figures, targets }, null, 2)}\n`);
  return file;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
