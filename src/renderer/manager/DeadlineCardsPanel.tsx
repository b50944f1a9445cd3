import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDateTimeText } from '../../shared/local-date.js';
import type { DeadlineCards } from '../../shared/supervision.js';
import { Button } from '../design/Button.js';
import { Notice } from '../design/Notice.js';
import { consoleApi } from './console-client.js';
import { useConsoleAction } from './use-console-action.js';
import { ConsoleTable } from './ConsoleTable.js';

/** 黄牌 and 红牌: the hall's 承诺件 near or past their promised dates, from the platform, by the hall's working days. */
export function DeadlineCardsPanel({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation('manager');
  const action = useConsoleAction();
  const [cards, setCards] = useState<DeadlineCards>();
  const load = () => action.run(async () => setCards(await consoleApi.deadlineCards()));
  useEffect(() => {
    void load();
  }, []);
  return (
    <section className="console-panel" aria-labelledby="cards-title">
      <div className="console-panel-head">
        <h2 id="cards-title">{t('cards.title')}</h2>
        <Button disabled={action.busy} onClick={() => void load()}>
          {t('cards.refresh')}
        </Button>
      </div>
      {action.error && <Notice tone="bad">{action.error}</Notice>}
      {cards?.state === 'unconfigured' && <p className="console-aside">{t('cards.unconfigured')}</p>}
      {cards?.state === 'unreachable' && <Notice tone="warn">{t('cards.unreachable', { message: cards.message })}</Notice>}
      {cards?.state === 'checked' && (
        <>
          <p className="console-aside" data-testid="cards-summary">
            {t('cards.summary', {
              open: cards.open,
              red: cards.cards.filter((card) => card.card === 'red').length,
              yellow: cards.cards.filter((card) => card.card === 'yellow').length,
              days: cards.warningDays,
            })}
          </p>
          {cards.cards.length > 0 && (
            <ConsoleTable
              testId="deadline-cards"
              columns={[
                t('cards.card'),
                t('cards.item'),
                t('cards.caseNumber'),
                t('cards.stage'),
                t('cards.promised'),
                t('cards.left'),
                t('cards.acceptedAt'),
              ]}
            >
              {cards.cards.map((card) => (
                <tr key={card.caseNumber} data-card={card.card}>
                  <td>
                    <span className={`console-card console-card-${card.card}`}>{t(`cards.${card.card}`)}</span>
                  </td>
                  <td>{card.itemName}</td>
                  <td>
                    {card.caseNumber}
                    {card.receiptNumber && <div className="console-aside">{card.receiptNumber}</div>}
                  </td>
                  <td>{t(`cards.stages.${card.stage}`)}</td>
                  <td>{card.promisedDate}</td>
                  <td>
                    {card.workingDaysLeft < 0
                      ? t('cards.late', { count: -card.workingDaysLeft })
                      : card.workingDaysLeft === 0
                        ? t('cards.dueToday')
                        : t('cards.daysLeft', { count: card.workingDaysLeft })}
                  </td>
                  <td>
                    {localDateTimeText(card.acceptedAt, timeZone)} · {card.terminalId}
                  </td>
                </tr>
              ))}
            </ConsoleTable>
          )}
        </>
      )}
    </section>
  );
}
