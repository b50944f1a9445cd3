import { useEffect, useState } from 'react';
import { clockText } from '../../shared/local-date.js';

export function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return <time className="clock">{clockText(now)}</time>;
}
