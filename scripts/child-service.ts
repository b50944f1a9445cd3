import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface ChildService {
  name: string;
  url: string;
  process: ChildProcess;
  /** Settles when the process has exited, with its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts one of our TypeScript CLIs (hall server, platform) as its own process, as they run in a real
 * hall, and waits for the line in which it announces its address. Its logs go to a file.
 */
export function startChildService(
  name: string,
  script: string,
  args: string[],
  logFile: string,
  timeoutMs = 30_000,
): Promise<ChildService> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const log = createWriteStream(logFile, { flags: 'a', mode: 0o600 });
  child.stderr.pipe(log);
  let lastError = '';
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (line.trim() && !line.startsWith('{')) lastError = line.trim();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs} ms; see ${logFile}`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      log.write(`${line}\n`);
      const match = / listening ([a-z]+:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve({ name, url: match[1]!, process: child, exited, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it was ready${lastError ? `: ${lastError}` : ''} (log: ${logFile})`));
    });
  });
}
