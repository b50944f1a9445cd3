import { SERIAL_BAUD_RATES } from '../shared/terminal-config.js';

/** The CLI's shared argument handling: exit codes 0 done, 1 usage, 2 nothing in time, 3 device error. */
export function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

export function baudOf(value: string | undefined): number {
  const baud = Number(value ?? 115200);
  if (!(SERIAL_BAUD_RATES as readonly number[]).includes(baud))
    fail(1, `--baud 应为 ${SERIAL_BAUD_RATES.join('/')} 之一 / --baud must be one of ${SERIAL_BAUD_RATES.join(', ')}`);
  return baud;
}
