import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Methods } from '../../shared/contract.js';
import type { DemoCode } from '../../shared/contract-scanner.js';
import type { OutputOf } from '../../shared/rpc/define.js';
import { useCall } from '../rpc/use-call.js';
import { ErrorBanner } from './ErrorBanner.js';
import './idcard.css';
import './kiosk-catalogue.js';

interface SimulatedScanProps {
  /** The scanner's status as the page's useScans read it: the control exists only for a simulated scanner. */
  scanner: OutputOf<Methods, 'scanner.status'> | undefined;
}

/**
 * 模拟扫码, for the demo: the code typed or pasted here is scanned by the host's simulated scanner, so it
 * reaches this page (and every other page of the terminal) as a real scan does, through `scanner.scan`.
 * It offers the codes on the slips the demo printed recently, on any of its terminals.
 */
export function SimulatedScan({ scanner }: SimulatedScanProps) {
  const { t } = useTranslation('kiosk');
  const field = useId();
  const [text, setText] = useState('');
  const [offered, setOffered] = useState<DemoCode[]>([]);
  /** Asked again whenever the field is entered: another terminal may have printed a slip meanwhile. */
  const demoCodes = useCall((host) => host.invoke('scanner.demoCodes', {}), {
    onAnswer: ({ codes }) => setOffered(codes),
    onFailure: () => setOffered([]),
  });
  const offer = () => void demoCodes.run();
  const {
    run: scan,
    busy,
    error,
  } = useCall((host, code: string) => host.invoke('scanner.simulate', { text: code, symbology: 'qr' }), { onAnswer: () => setText('') });
  if (scanner?.mode !== 'simulated') return null;
  const code = text.trim();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (code && !busy) void scan(code);
  }

  return (
    <form className="simulator simulated-scan" aria-label={t('scan.title')} onSubmit={submit}>
      <strong>{t('scan.title')}</strong>
      <label htmlFor={field}>{t('scan.code')}</label>
      <input
        id={field}
        className="ds-input"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onFocus={offer}
        list={`${field}-codes`}
        placeholder={t('scan.placeholder')}
        autoComplete="off"
      />
      <datalist id={`${field}-codes`}>
        {offered.map((code) => (
          <option key={code.text} value={code.text} label={code.slip} />
        ))}
      </datalist>
      <button type="submit" disabled={!code || busy}>
        {t('scan.submit')}
      </button>
      <ErrorBanner inline message={error} />
    </form>
  );
}
