import { useState } from 'react';
import type { Methods } from '../../shared/contract.js';
import type { OutputOf } from '../../shared/rpc/define.js';
import type { Scan } from '../../shared/scanner.js';
import { useEvent, type Query } from '../rpc/hooks.js';

/** What the clerk calls the code that was read; the scanner's own names (code128, pdf417…) mean nothing at a window. */
const SYMBOLOGY_WORDS: Partial<Record<Scan['symbology'], string>> = {
  qr: '二维码',
  datamatrix: '二维码',
  pdf417: '二维码',
  aztec: '二维码',
  unknown: '未知码制',
};

interface ScannerPanelProps {
  /** The page's one useScans: what it first read of the scanner, and the last scan it delivered. */
  initial: Query<OutputOf<Methods, 'scanner.status'>>;
  last: Scan | undefined;
}

/** The scanner's state and the last code it read, so a clerk sees that a scan arrived and what it was. */
export function ScannerPanel({ initial, last }: ScannerPanelProps) {
  const [pushed, setPushed] = useState<{ connected: boolean | null; message: string }>();
  useEvent('scanner.status', setPushed);
  const status = pushed ?? initial.data;
  if (!status || initial.data?.mode === 'none') return null;
  return (
    <section className="panel" aria-label="扫码 Scanner">
      <h2>扫码 Scanner</h2>
      <p className={status.connected === false ? 'idcard-state idcard-state-bad' : 'idcard-state'}>{status.message}</p>
      {last && (
        <p data-testid="last-scan">
          最近扫码 Last scan（{SYMBOLOGY_WORDS[last.symbology] ?? '条码'}）：
          <code>{last.text.length > 60 ? `${last.text.slice(0, 60)}…` : last.text}</code>
        </p>
      )}
    </section>
  );
}
