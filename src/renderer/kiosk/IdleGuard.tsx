import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface IdleGuardProps {
  idleSeconds: number;
  warningSeconds: number;
  /** Counting only while a citizen is in the middle of something. */
  active: boolean;
  onTimeout(): void;
}

const TOUCHES = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * A citizen who walks away must not leave their data for the next one: after `idleSeconds` untouched
 * the kiosk asks whether they are still there, counts down `warningSeconds`, then wipes and goes home.
 * The clock is read where the time runs out, never from a render: the first render after a reset
 * still holds the last visit's times, and judging from them went home again on the next citizen's first tap.
 */
export function IdleGuard({ idleSeconds, warningSeconds, active, onTimeout }: IdleGuardProps) {
  const { t } = useTranslation('kiosk');
  /** Seconds left while the warning shows; null while there is nothing to show. */
  const [left, setLeft] = useState<number | null>(null);
  const lastTouch = useRef(0);
  const timeout = useRef(onTimeout);
  timeout.current = onTimeout;
  const touched = useCallback(() => {
    lastTouch.current = Date.now();
    setLeft(null);
  }, []);

  useEffect(() => {
    if (!active) return;
    touched();
    for (const type of TOUCHES) window.addEventListener(type, touched, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      const remaining = Math.ceil(idleSeconds - (Date.now() - lastTouch.current) / 1000);
      if (remaining > 0) return setLeft(remaining <= warningSeconds ? remaining : null);
      window.clearInterval(timer);
      setLeft(null);
      timeout.current();
    }, 250);
    return () => {
      for (const type of TOUCHES) window.removeEventListener(type, touched, { capture: true });
      window.clearInterval(timer);
      setLeft(null);
    };
  }, [active, idleSeconds, warningSeconds, touched]);

  if (!active || left === null) return null;
  return (
    <div className="idle-backdrop">
      <div className="idle-dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-text">
        <h2 id="idle-title">{t('idle.title')}</h2>
        <p id="idle-text">
          <strong data-testid="idle-countdown">{left}</strong> {t('idle.secondsLeft')}
        </p>
        <button type="button" className="primary" onClick={touched}>
          {t('idle.continue')}
        </button>
      </div>
    </div>
  );
}
