import { useState } from 'react';
import type { Scan } from '../../shared/scanner.js';
import { useEvent } from '../rpc/hooks.js';
import { useScans } from '../scanner/useScans.js';

/** The scanner's state and the last code it read, so a clerk sees that a scan arrived and what it was. */
export function ScannerPanel() {
  const [pushed, setPushed] = useState<{ connected: boolean | null; message: string }>();
  const [last, setLast] = useState<Scan>();
  useEvent('scanner.status', setPushed);
  const initial = useScans(setLast);
  const status = pushed ?? initial.data;
  if (!status || initial.data?.mode === 'none') return null;
  return (
    <section className="panel" aria-label="扫码 Scanner">
      <h2>扫码 Scanner</h2>
      <p className={status.connected === false ? 'idcard-state idcard-state-bad' : 'idcard-state'}>{status.message}</p>
      {last && (
        <p data-testid="last-scan">
          最近扫码 Last scan（{last.symbology}）：<code>{last.text.length > 60 ? `${last.text.slice(0, 60)}…` : last.text}</code>
        </p>
      )}
    </section>
  );
}
