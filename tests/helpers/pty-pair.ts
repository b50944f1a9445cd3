import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface PtyPair {
  /** The device's end (the simulator opens it). */
  device: string;
  /** The terminal's end (the driver opens it). */
  host: string;
  /** Removes both ends, as pulling a USB-serial adapter does. */
  unplug(): Promise<void>;
}

/** A pseudo-terminal pair made by socat: two serial ports joined by a null-modem cable. */
export async function openPtyPair(dir: string, name = 'reader'): Promise<PtyPair> {
  const device = join(dir, `${name}-device`);
  const host = join(dir, `${name}-host`);
  const socat = spawn('socat', [`pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${host}`], { stdio: 'ignore' });
  const deadline = Date.now() + 5000;
  while (!(existsSync(device) && existsSync(host))) {
    if (Date.now() > deadline || socat.exitCode !== null) throw new Error('socat did not create the pty pair: is socat installed?');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { device, host, unplug: () => stop(socat) };
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
