type ErrorBannerProps = { message: string | undefined; testId?: string } & (
  | {
      inline?: false;
      /** A 知道了 button that takes the message away; without it the message stays until the screen clears it. */
      onDismiss?: () => void;
    }
  /** Inside a panel, as a line of the panel (a reader's, a printer's, a capture's trouble), not as the screen's banner. */
  | { inline: true; onDismiss?: never }
);

/** What went wrong, where a person sees it and a screen reader says it at once; nothing when nothing did. */
export function ErrorBanner({ message, onDismiss, inline, testId }: ErrorBannerProps) {
  if (!message) return null;
  if (inline) {
    return (
      <p className="idcard-error" role="alert" data-testid={testId}>
        {message}
      </p>
    );
  }
  return (
    <div className="error-banner" role="alert" data-testid={testId}>
      <span>{message}</span>
      {onDismiss && (
        <button type="button" onClick={onDismiss}>
          知道了 OK
        </button>
      )}
    </div>
  );
}
