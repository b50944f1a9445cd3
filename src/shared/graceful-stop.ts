/** How long a server may take to stop after SIGTERM/SIGINT before its process is ended anyway. */
export const STOP_DEADLINE_MS = 5000;

export interface StopStep {
  /** What this step closes, as the log names it when it is still open at the deadline. */
  name: string;
  run(): unknown;
}

/**
 * Runs the steps of a server's stop in order and resolves with the names of those not finished at
 * the deadline or that failed (none when all closed). A step that hangs must not keep the process alive:
 * a hall started in its place would share the terminals with a process that no longer answers them.
 */
export function stopWithin(steps: readonly StopStep[], deadlineMs = STOP_DEADLINE_MS): Promise<string[]> {
  const remaining = steps.map((step) => step.name);
  const failed: string[] = [];
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve([...failed, ...remaining]), deadlineMs);
    void (async () => {
      for (const step of steps) {
        // A step that fails has ended all the same: the steps after it still close what they hold.
        await Promise.resolve()
          .then(() => step.run())
          .catch((error: unknown) => failed.push(`${step.name} (${error instanceof Error ? error.message : String(error)})`));
        remaining.shift();
      }
      clearTimeout(timer);
      resolve(failed);
    })();
  });
}

/** The part of Node's `process` a stop needs; src/shared does not import Node. */
export interface StoppableProcess {
  once(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  exit(code: number): void;
  getActiveResourcesInfo(): string[];
}

/**
 * On SIGTERM or SIGINT: run the steps, then exit — 0 when all closed, 1 after logging what was still open
 * at the deadline. A second signal during the stop ends the process at once (Node's default).
 */
export function stopOnSignal(
  process: StoppableProcess,
  server: { zh: string; en: string },
  steps: readonly StopStep[],
  log: (line: string) => void,
): void {
  const stop = async () => {
    const unfinished = await stopWithin(steps);
    if (unfinished.length) log(describeOverdueStop(server, unfinished, process.getActiveResourcesInfo()));
    process.exit(unfinished.length ? 1 : 0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** The log line for a stop that did not close everything (in time): what was still open or failed. */
export function describeOverdueStop(
  server: { zh: string; en: string },
  unfinished: readonly string[],
  openHandles: readonly string[],
): string {
  const seconds = STOP_DEADLINE_MS / 1000;
  const handles = openHandles.length ? `; open handles: ${openHandles.join(', ')}` : '';
  return `${server.zh}未能在 ${seconds} 秒内正常停止，已强制退出；未关闭：${unfinished.join('、')} / The ${server.en} did not stop cleanly within ${seconds} s and was ended; not closed: ${unfinished.join(', ')}${handles}`;
}
