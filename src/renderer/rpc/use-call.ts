import { useCallback, useRef, useState } from 'react';

/**
 * A screen's call to its host behind a button: busy while it runs (so the button can say so and not be
 * pressed twice), the message of its failure to show, and what to do with its answer.
 */
export function useCall<A extends unknown[], T>(call: (...args: A) => Promise<T>, onAnswer: (value: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const latest = useRef({ call, onAnswer });
  latest.current = { call, onAnswer };
  const run = useCallback(async (...args: A) => {
    setBusy(true);
    setError(undefined);
    try {
      latest.current.onAnswer(await latest.current.call(...args));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }, []);
  const dismiss = useCallback(() => setError(undefined), []);
  return { run, busy, error, dismiss };
}
