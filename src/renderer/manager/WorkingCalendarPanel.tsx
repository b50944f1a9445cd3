import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkingCalendar } from '../../shared/follow-up.js';
import { Button } from '../design/Button.js';
import { Field } from '../design/Field.js';
import { Notice } from '../design/Notice.js';
import { consoleApi } from './console-client.js';
import { useConsoleAction, useRefusalText } from './use-console-action.js';

/** The days the hall keeps otherwise than the holiday calendar, and the warning when the calendar lacks a year the deadlines need. */
export function WorkingCalendarPanel({ canChange, onChanged }: { canChange: boolean; onChanged(): Promise<void> }) {
  const { t } = useTranslation('manager');
  const action = useConsoleAction();
  const [calendar, setCalendar] = useState<WorkingCalendar>();
  const [date, setDate] = useState('');
  const [working, setWorking] = useState(false);
  const [note, setNote] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const refusalText = useRefusalText();
  const [loadError, setLoadError] = useState<string>();
  useEffect(() => {
    consoleApi.workingCalendar().then(setCalendar, (refusal: unknown) => setLoadError(refusalText(refusal)));
  }, [refusalText]);
  const changed = async (change: () => Promise<WorkingCalendar>) => {
    const done = await action.run(async () => setCalendar(await change()));
    if (done) await onChanged();
    return done;
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!date || !note.trim()) {
      setInvalid(t('calendar.invalid'));
      return;
    }
    setInvalid(undefined);
    if (await changed(() => consoleApi.setWorkingDay({ date, working, note: note.trim() }))) setNote('');
  };
  return (
    <section className="console-panel console-calendar" aria-labelledby="calendar-title">
      <h2 id="calendar-title">{t('calendar.title')}</h2>
      {calendar?.missingYear && (
        <Notice tone="bad">
          <span data-testid="calendar-missing">{t('calendar.missing', { year: calendar.missingYear })}</span>
        </Notice>
      )}
      {calendar && <p className="console-aside">{t('calendar.hint', { year: calendar.knownThrough })}</p>}
      {(action.error ?? loadError) && <Notice tone="bad">{action.error ?? loadError}</Notice>}
      {calendar && calendar.overrides.length === 0 && <p className="console-aside">{t('calendar.none')}</p>}
      {calendar && calendar.overrides.length > 0 && (
        <ul className="console-rule-list" data-testid="calendar-days">
          {calendar.overrides.map((day) => (
            <li key={day.date}>
              <span>
                {t('calendar.line', {
                  date: day.date,
                  kind: day.working ? t('calendar.working') : t('calendar.off'),
                  note: day.note,
                  who: day.setBy,
                })}
              </span>
              {canChange && (
                <Button
                  variant="quiet"
                  disabled={action.busy}
                  aria-label={t('calendar.removeNamed', { date: day.date })}
                  onClick={() => void changed(() => consoleApi.removeWorkingDay(day.date))}
                >
                  {t('calendar.remove')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canChange && (
        <form className="console-rule-form" onSubmit={(event) => void add(event)} aria-label={t('calendar.title')}>
          <Field label={t('calendar.date')}>
            {(control) => <input {...control} type="date" value={date} onChange={(event) => setDate(event.target.value)} />}
          </Field>
          <Field label={t('calendar.kind')}>
            {(control) => (
              <select {...control} value={working ? 'working' : 'off'} onChange={(event) => setWorking(event.target.value === 'working')}>
                <option value="off">{t('calendar.off')}</option>
                <option value="working">{t('calendar.working')}</option>
              </select>
            )}
          </Field>
          <Field label={t('calendar.note')} error={invalid}>
            {(control) => <input {...control} maxLength={60} value={note} onChange={(event) => setNote(event.target.value)} />}
          </Field>
          <Button type="submit" variant="primary" disabled={action.busy}>
            {t('calendar.add')}
          </Button>
        </form>
      )}
    </section>
  );
}
