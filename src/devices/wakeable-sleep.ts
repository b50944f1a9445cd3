/**
 * A pause between polls that stop() can cut short, so a device loop ends at once instead of after its
 * interval; once stopped, it does not wait at all.
 */
export function createWakeableSleep(isRunning: () => boolean) {
  let wake: (() => void) | null = null;
  return {
    sleep(ms: number): Promise<void> {
      return new Promise<void>((resolve) => {
        if (!isRunning()) return resolve();
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
      });
    },
    wake(): void {
      wake?.();
    },
  };
}
