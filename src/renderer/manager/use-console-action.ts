import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalise } from '../i18n/index.js';
import { ConsoleError } from './console-client.js';

/** What a failed call of the hall says to the reader: the hall's refusal in their language, or the console's own words when no answer came. */
export function useRefusalText(): (refusal: unknown) => string {
  const { t } = useTranslation('manager');
  const localise = useLocalise();
  return useCallback(
    (refusal: unknown) => {
      if (refusal instanceof ConsoleError && refusal.code === 'OUTDATED') return t('login.outdated');
      if (!(refusal instanceof ConsoleError) || refusal.code !== 'UNREACHABLE') return localise((refusal as Error).message);
      return refusal.status === undefined ? t('login.unreachable') : t('login.unexpected', { status: refusal.status });
    },
    [t, localise],
  );
}

/**
 * A change the console asks of the hall (add a rule, acknowledge an alert): busy while it is on its way,
 * then what went wrong, if anything. The live view shows the change itself, as the hall's next state.
 */
export function useConsoleAction() {
  const refusalText = useRefusalText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (change: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await change();
      return true;
    } catch (refusal) {
      setError(refusalText(refusal));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
