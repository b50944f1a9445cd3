import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CardOnReader } from './icons.js';
import { useKioskVisit } from './kiosk-context.js';

/**
 * Shown while the reader waits for a card: a picture of where the card goes and the words for it; said aloud
 * where the card is what the citizen must do next (`announce`), in 长辈模式 always.
 */
export function CardInsert({ announce = false }: { announce?: boolean }) {
  const { t } = useTranslation('kiosk');
  const { speak } = useKioskVisit();
  const spoken = t('card.spoken');
  useEffect(() => speak(spoken, announce), [speak, spoken, announce]);
  return (
    <div className="card-insert">
      <CardOnReader title={t('card.picture')} />
      <div>
        <p className="card-insert-where">{t('card.where')}</p>
        <p className="card-insert-hold">{t('card.hold')}</p>
      </div>
    </div>
  );
}
