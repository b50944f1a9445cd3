import { useEffect, useState } from 'react';

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
 */
export function IdleGuard({ idleSeconds, warningSeconds, active, onTimeout }: IdleGuardProps) {
  const [lastTouch, setLastTouch] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!active) return;
    const touched = () => setLastTouch(Date.now());
    touched();
    for (const type of TOUCHES) window.addEventListener(type, touched, { capture: true, passive: true });
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => {
      for (const type of TOUCHES) window.removeEventListener(type, touched, { capture: true });
      window.clearInterval(timer);
    };
  }, [active]);

  const idleFor = (now - lastTouch) / 1000;
  const left = Math.ceil(idleSeconds - idleFor);
  useEffect(() => {
    if (active && left <= 0) onTimeout();
  }, [active, left, onTimeout]);

  if (!active || left > warningSeconds || left <= 0) return null;
  return (
    <div className="idle-backdrop">
      <div className="idle-dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-text">
        <h2 id="idle-title">您还在办理吗？ Are you still there?</h2>
        <p id="idle-text">
          <strong data-testid="idle-countdown">{left}</strong> 秒后将返回首页，并清除您刚才读取和填写的信息。
          <br />
          Returning home in {left} s; what you entered will be erased.
        </p>
        <button type="button" className="primary" onClick={() => setLastTouch(Date.now())}>
          继续办理 Continue
        </button>
      </div>
    </div>
  );
}
