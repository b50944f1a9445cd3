import { useTranslation } from 'react-i18next';
import type { ConsoleSettings } from '../../shared/hall-settings.js';
import { Field } from '../design/Field.js';

type Rules = Pick<ConsoleSettings, 'calling' | 'appointments' | 'greenChannelAge' | 'followUpWorkingDays' | 'yellowCardWorkingDays'>;

const numberOf = (text: string) => (text === '' ? Number.NaN : Number(text));
const shown = (value: number) => (Number.isNaN(value) ? '' : value);

/** The rules that are one of a kind: calling, appointments' check-in, the green channel's age, the 差评's working days. */
export function SettingsRulesEditor({ rules, canChange, onChange }: { rules: Rules; canChange: boolean; onChange(rules: Rules): void }) {
  const { t } = useTranslation('manager');
  const number = (label: string, value: number, set: (value: number) => Rules, range: [number, number]) => (
    <Field label={label}>
      {(control) => (
        <input
          {...control}
          className="ds-input console-input-short"
          type="number"
          min={range[0]}
          max={range[1]}
          value={shown(value)}
          readOnly={!canChange}
          onChange={(event) => onChange(set(numberOf(event.target.value)))}
        />
      )}
    </Field>
  );
  const calling = (patch: Partial<Rules['calling']>) => ({ ...rules, calling: { ...rules.calling, ...patch } });
  const appointments = (patch: Partial<Rules['appointments']>) => ({ ...rules, appointments: { ...rules.appointments, ...patch } });
  return (
    <section className="console-panel" aria-labelledby="settings-rules">
      <h2 id="settings-rules">{t('settings.rules.title')}</h2>
      <div className="console-rule-form">
        {number(
          t('settings.fields.priorityAdvanceMinutes'),
          rules.calling.priorityAdvanceMinutes,
          (v) => calling({ priorityAdvanceMinutes: v }),
          [0, 240],
        )}
        {number(t('settings.fields.maxRecalls'), rules.calling.maxRecalls, (v) => calling({ maxRecalls: v }), [0, 10])}
        {number(
          t('settings.fields.noShowReturnMinutes'),
          rules.calling.noShowReturnMinutes,
          (v) => calling({ noShowReturnMinutes: v }),
          [0, 480],
        )}
        <Field label={t('settings.fields.announcement')} hint={t('settings.rules.announcementHint')}>
          {(control) => (
            <input
              {...control}
              value={rules.calling.announcement}
              maxLength={60}
              readOnly={!canChange}
              onChange={(event) => onChange(calling({ announcement: event.target.value }))}
            />
          )}
        </Field>
      </div>
      <div className="console-rule-form">
        {number(t('settings.fields.earlyMinutes'), rules.appointments.earlyMinutes, (v) => appointments({ earlyMinutes: v }), [0, 240])}
        {number(t('settings.fields.lateMinutes'), rules.appointments.lateMinutes, (v) => appointments({ lateMinutes: v }), [0, 240])}
        {number(
          t('settings.fields.advanceMinutes'),
          rules.appointments.advanceMinutes,
          (v) => appointments({ advanceMinutes: v }),
          [0, 240],
        )}
        {number(t('settings.fields.greenChannelAge'), rules.greenChannelAge, (v) => ({ ...rules, greenChannelAge: v }), [50, 120])}
        {number(
          t('settings.fields.followUpWorkingDays'),
          rules.followUpWorkingDays,
          (v) => ({ ...rules, followUpWorkingDays: v }),
          [1, 30],
        )}
        {number(
          t('settings.fields.yellowCardWorkingDays'),
          rules.yellowCardWorkingDays,
          (v) => ({ ...rules, yellowCardWorkingDays: v }),
          [0, 30],
        )}
      </div>
    </section>
  );
}
