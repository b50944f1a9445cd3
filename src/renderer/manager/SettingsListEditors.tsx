import { useTranslation } from 'react-i18next';
import type { ConsoleSettings } from '../../shared/hall-settings.js';
import { Button } from '../design/Button.js';
import { CellInput, EditTable, numberOf, RemoveButton } from './settings-cells.js';

type Queue = ConsoleSettings['queues'][number];
type Window = ConsoleSettings['windows'][number];
type Clerk = ConsoleSettings['clerks'][number];

interface ListProps<T> {
  entries: T[];
  /** Entries already in force keep their key (a queue's id, a window's number, a clerk's id): history and tickets refer to it. */
  saved: ReadonlySet<string>;
  canChange: boolean;
  onChange(entries: T[]): void;
}

/** The entries with one of them changed, or removed. */
function editing<T>(entries: T[], onChange: (entries: T[]) => void) {
  return {
    set: (index: number, patch: Partial<T>) => onChange(entries.map((each, i) => (i === index ? { ...each, ...patch } : each))),
    remove: (index: number) => onChange(entries.filter((_, i) => i !== index)),
  };
}

/** Opening hours from the two fields: both empty is "all day", one alone is kept for the hall to refuse in words. */
function hoursWith(hours: Queue['hours'], patch: { from?: string; to?: string }): Queue['hours'] {
  const next = { from: hours?.from ?? '', to: hours?.to ?? '', ...patch };
  return next.from === '' && next.to === '' ? undefined : next;
}

export function QueuesEditor({ entries, saved, canChange, onChange }: ListProps<Queue>) {
  const { t } = useTranslation('manager');
  const { set, remove } = editing(entries, onChange);
  const fixed = !canChange;
  return (
    <section className="console-panel" aria-labelledby="settings-queues">
      <h2 id="settings-queues">{t('settings.queues.title')}</h2>
      <EditTable
        testId="settings-queues"
        columns={[
          t('settings.fields.id'),
          t('settings.fields.name'),
          t('settings.fields.prefix'),
          t('settings.fields.maxPerDay'),
          t('settings.fields.idRequired'),
          t('settings.queues.hours'),
        ]}
      >
        {entries.map((queue, index) => {
          const name = queue.name || queue.id || String(index + 1);
          return (
            <tr key={index}>
              <td>
                <CellInput
                  label={t('settings.queues.idOf', { name })}
                  value={queue.id}
                  readOnly={fixed || saved.has(queue.id)}
                  onChange={(id) => set(index, { id: id.trim().toLowerCase() })}
                />
              </td>
              <td>
                <CellInput
                  label={t('settings.queues.nameOf', { name })}
                  value={queue.name}
                  maxLength={40}
                  readOnly={fixed}
                  onChange={(text) => set(index, { name: text })}
                />
              </td>
              <td>
                <CellInput
                  size="tiny"
                  label={t('settings.queues.prefixOf', { name })}
                  value={queue.prefix}
                  maxLength={2}
                  readOnly={fixed}
                  onChange={(prefix) => set(index, { prefix: prefix.toUpperCase() })}
                />
              </td>
              <td>
                <CellInput
                  size="short"
                  type="number"
                  min={1}
                  max={9999}
                  label={t('settings.queues.maxOf', { name })}
                  value={queue.maxPerDay}
                  readOnly={fixed}
                  onChange={(text) => set(index, { maxPerDay: numberOf(text) })}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('settings.queues.idRequiredOf', { name })}
                  checked={queue.idRequired}
                  disabled={fixed}
                  onChange={(event) => set(index, { idRequired: event.target.checked })}
                />
              </td>
              <td className="console-hours">
                <CellInput
                  type="time"
                  label={t('settings.queues.fromOf', { name })}
                  value={queue.hours?.from ?? ''}
                  readOnly={fixed}
                  onChange={(from) => set(index, { hours: hoursWith(queue.hours, { from }) })}
                />
                <span aria-hidden="true">–</span>
                <CellInput
                  type="time"
                  label={t('settings.queues.toOf', { name })}
                  value={queue.hours?.to ?? ''}
                  readOnly={fixed}
                  onChange={(to) => set(index, { hours: hoursWith(queue.hours, { to }) })}
                />
              </td>
              <td>{canChange && <RemoveButton name={name} onRemove={() => remove(index)} />}</td>
            </tr>
          );
        })}
      </EditTable>
      {canChange && (
        <Button
          onClick={() =>
            onChange([...entries, { id: '', name: '', prefix: '', maxPerDay: 999, idRequired: false, openPerId: 1, perIdPerDay: 2 }])
          }
        >
          {t('settings.queues.add')}
        </Button>
      )}
    </section>
  );
}

export function WindowsEditor({ entries, saved, canChange, onChange, queues }: ListProps<Window> & { queues: Queue[] }) {
  const { t } = useTranslation('manager');
  const { set, remove } = editing(entries, onChange);
  const order = queues.map((queue) => queue.id);
  const serve = (index: number, queueId: string, weight: number | null) => {
    const others = entries[index]!.queues.filter((served) => served.queueId !== queueId);
    const next = weight === null ? others : [...others, { queueId, weight }];
    set(index, { queues: next.sort((a, b) => order.indexOf(a.queueId) - order.indexOf(b.queueId)) });
  };
  const nextNumber = Math.max(0, ...entries.map((window) => window.number)) + 1;
  return (
    <section className="console-panel" aria-labelledby="settings-windows">
      <h2 id="settings-windows">{t('settings.windows.title')}</h2>
      <EditTable testId="settings-windows" columns={[t('settings.fields.number'), t('settings.fields.name'), t('settings.windows.serves')]}>
        {entries.map((window, index) => {
          const name = t('settings.windows.named', { number: window.number });
          return (
            <tr key={index}>
              <td>
                <CellInput
                  size="tiny"
                  type="number"
                  min={1}
                  max={999}
                  label={t('settings.windows.numberOf', { name })}
                  value={window.number}
                  readOnly={!canChange || saved.has(String(window.number))}
                  onChange={(text) => set(index, { number: numberOf(text) })}
                />
              </td>
              <td>
                <CellInput
                  label={t('settings.windows.nameOf', { name })}
                  value={window.name}
                  maxLength={30}
                  readOnly={!canChange}
                  onChange={(text) => set(index, { name: text })}
                />
              </td>
              <td>
                <div className="console-serves">
                  {queues
                    .filter((queue) => queue.id)
                    .map((queue) => {
                      const served = window.queues.find((each) => each.queueId === queue.id);
                      return (
                        <span key={queue.id} className="console-serve">
                          <label>
                            <input
                              type="checkbox"
                              checked={Boolean(served)}
                              disabled={!canChange}
                              onChange={(event) => serve(index, queue.id, event.target.checked ? 1 : null)}
                            />
                            {queue.name || queue.id}
                          </label>
                          {served && (
                            <CellInput
                              size="tiny"
                              type="number"
                              min={1}
                              max={10}
                              label={t('settings.windows.weightOf', { name, queue: queue.name || queue.id })}
                              value={served.weight}
                              readOnly={!canChange}
                              onChange={(text) => serve(index, queue.id, numberOf(text))}
                            />
                          )}
                        </span>
                      );
                    })}
                </div>
              </td>
              <td>{canChange && <RemoveButton name={name} onRemove={() => remove(index)} />}</td>
            </tr>
          );
        })}
      </EditTable>
      {canChange && (
        <Button onClick={() => onChange([...entries, { number: nextNumber, name: '', queues: [] }])}>{t('settings.windows.add')}</Button>
      )}
    </section>
  );
}

export function ClerksEditor({ entries, saved, canChange, onChange }: ListProps<Clerk>) {
  const { t } = useTranslation('manager');
  const { set, remove } = editing(entries, onChange);
  return (
    <section className="console-panel" aria-labelledby="settings-clerks">
      <h2 id="settings-clerks">{t('settings.clerks.title')}</h2>
      <p className="console-aside">{t('settings.clerks.hint')}</p>
      <EditTable
        testId="settings-clerks"
        columns={[
          t('settings.clerks.id'),
          t('settings.clerks.name'),
          t('settings.clerks.newPin'),
          t('settings.fields.disabled'),
          t('settings.clerks.card'),
        ]}
      >
        {entries.map((clerk, index) => {
          const name = clerk.name || clerk.id || String(index + 1);
          const isNew = !saved.has(clerk.id);
          return (
            <tr key={index}>
              <td>
                <CellInput
                  size="short"
                  label={t('settings.clerks.idOf', { name })}
                  value={clerk.id}
                  readOnly={!canChange || !isNew}
                  onChange={(id) => set(index, { id: id.trim() })}
                />
              </td>
              <td>
                <CellInput
                  label={t('settings.clerks.nameOf', { name })}
                  value={clerk.name}
                  maxLength={20}
                  readOnly={!canChange}
                  onChange={(text) => set(index, { name: text })}
                />
              </td>
              <td>
                {canChange && (
                  <CellInput
                    size="short"
                    type="password"
                    maxLength={8}
                    placeholder={isNew ? t('settings.clerks.pinRequired') : t('settings.clerks.pinKeep')}
                    label={t('settings.clerks.pinOf', { name })}
                    value={clerk.newPin ?? ''}
                    readOnly={false}
                    onChange={(pin) => set(index, { newPin: pin === '' ? undefined : pin })}
                  />
                )}
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('settings.clerks.disabledOf', { name })}
                  checked={clerk.disabled}
                  disabled={!canChange}
                  onChange={(event) => set(index, { disabled: event.target.checked })}
                />
              </td>
              <td>{clerk.cardLinked ? t('settings.clerks.cardLinked') : t('settings.clerks.cardNone')}</td>
              <td>{canChange && isNew && <RemoveButton name={name} onRemove={() => remove(index)} />}</td>
            </tr>
          );
        })}
      </EditTable>
      {canChange && (
        <Button onClick={() => onChange([...entries, { id: '', name: '', disabled: false, cardLinked: false }])}>
          {t('settings.clerks.add')}
        </Button>
      )}
    </section>
  );
}
