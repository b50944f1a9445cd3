import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { Methods } from '../../shared/contract.js';
import type { OutputOf } from '../../shared/rpc/define.js';
import type { Scan } from '../../shared/scanner.js';
import { useLocalise } from '../i18n/index.js';
import { useEvent, type Query } from '../rpc/hooks.js';

/** What the clerk calls the code that was read; the scanner's own names (code128, pdf417…) mean nothing at a window. */
const SYMBOLOGY_WORDS: Partial<Record<Scan['symbology'], 'scanner.qr' | 'scanner.unknown'>> = {
  qr: 'scanner.qr',
  datamatrix: 'scanner.qr',
  pdf417: 'scanner.qr',
  aztec: 'scanner.qr',
  unknown: 'scanner.unknown',
};

interface ScannerPanelProps {
  /** The page's one useScans: what it first read of the scanner, and the last scan it delivered. */
  initial: Query<OutputOf<Methods, 'scanner.status'>>;
  last: Scan | undefined;
}

/** The scanner's state and the last code it read, so a clerk sees that a scan arrived and what it was. */
export function ScannerPanel({ initial, last }: ScannerPanelProps) {
  const { t } = useTranslation('counter');
  const localise = useLocalise();
  const [pushed, setPushed] = useState<{ connected: boolean | null; message: string }>();
  useEvent('scanner.status', setPushed);
  const status = pushed ?? initial.data;
  if (!status || initial.data?.mode === 'none') return null;
  return (
    <section className="panel" aria-label={t('scanner.title')}>
      <h2>{t('scanner.title')}</h2>
      <p className={status.connected === false ? 'idcard-state idcard-state-bad' : 'idcard-state'}>{localise(status.message)}</p>
      {last && (
        <p data-testid="last-scan">
          {t('scanner.lastScan', { kind: t(SYMBOLOGY_WORDS[last.symbology] ?? 'scanner.barcode') })}
          <code>{last.text.length > 60 ? `${last.text.slice(0, 60)}…` : last.text}</code>
        </p>
      )}
    </section>
  );
}
