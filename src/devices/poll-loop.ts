/**
 * The loop a device service runs (a reader polling, a print queue retrying): started once, stopped
 * at once — stop() cuts the pause between rounds short and waits for the round under way to end.
 */
export function createPollLoop(round: (loop: PollLoop) => Promise<void>) {
  let running = false;
  let finished: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  const loop = {
    get running() {
      return running;
    },
    /** Waits between rounds; after stop() it does not wait at all. */
    sleep(ms: number): Promise<void> {
      return new Promise<void>((resolve) => {
        if (!running) return resolve();
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
      });
    },
    /** Ends the current pause early, e.g. when new work arrives. */
    wake(): void {
      wake?.();
    },
    start(): void {
      if (running) return;
      running = true;
      finished = (async () => {
        while (running) await round(loop);
      })();
    },
    async stop(): Promise<void> {
      running = false;
      wake?.();
      await finished;
    },
  };
  return loop;
}

export type PollLoop = ReturnType<typeof createPollLoop>;
