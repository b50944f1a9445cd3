import { useTranslation } from 'react-i18next';
import { useLocalise } from '../i18n/index.js';

type ErrorBannerProps = { message: string | undefined; testId?: string } & (
  | {
      inline?: false;
      /** A 知道了 button that takes the message away; without it the message stays until the screen clears it. */
      onDismiss?: () => void;
    }
  /** Inside a panel, as a line of the panel (a reader's, a printer's, a capture's trouble), not as the screen's banner. */
  | { inline: true; onDismiss?: never }
);

/** What went wrong, in the page's language, where a person sees it and a screen reader says it at once; nothing when nothing did. */
export function ErrorBanner({ message, onDismiss, inline, testId }: ErrorBannerProps) {
  const { t } = useTranslation();
  const localise = useLocalise();
  if (!message) return null;
  if (inline) {
    return (
      <p className="idcard-error" role="alert" data-testid={testId}>
        {localise(message)}
      </p>
    );
  }
  return (
    <div className="error-banner" role="alert" data-testid={testId}>
      <span>{localise(message)}</span>
      {onDismiss && (
        <button type="button" onClick={onDismiss}>
          {t('dismiss')}
        </button>
      )}
    </div>
  );
}
