import { IdCardPanel } from '../components/IdCardPanel.js';
import { CardInsert } from './CardInsert.js';
import { KIOSK_CARD_SECONDS } from './TakeNumber.js';

/** The other way in, beside a code to type: the ID card on the reader, then one button that uses it. */
export function CardOption({ heading, action, busy, onUse }: { heading: string; action: string; busy: boolean; onUse(): void }) {
  return (
    <div className="card-option">
      <h3>{heading}</h3>
      <IdCardPanel clearAfterMs={KIOSK_CARD_SECONDS * 1000} guide={<CardInsert />} />
      <button type="button" className="primary wide" disabled={busy} onClick={onUse}>
        {action}
      </button>
    </div>
  );
}
