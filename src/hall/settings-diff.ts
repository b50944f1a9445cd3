import type { Clerk, HallWindow, Queue } from '../shared/hall-config.js';
import type { HallSettings, SettingsChange } from '../shared/hall-settings.js';

type Section = SettingsChange['section'];
type Field = SettingsChange['fields'][number];

/** A field's value as the diff shows it: a window's queues as "tax×2, social", opening hours as "08:30-12:00". */
function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return (value as HallWindow['queues'])
      .map((served) => (served.weight > 1 ? `${served.queueId}×${served.weight}` : served.queueId))
      .join(', ');
  const hours = value as { from?: string; to?: string };
  if (hours.from && hours.to) return `${hours.from}-${hours.to}`;
  return JSON.stringify(value);
}

/** A queue that needs no ID card has no use for the per-card limits: its diff does not list them. */
const withoutCardLimits = (queue: Queue): Queue =>
  queue.idRequired ? queue : ({ ...queue, openPerId: undefined, perIdPerDay: undefined } as unknown as Queue);

type ShownWindow = Omit<HallWindow, 'queues'> & { queues: string };
/** A window with its queues by name and weight ("综合一窗×3、快速通道"), the names as they are after the change: a queue renamed is not a change of its windows. */
const shownWith =
  (names: ReadonlyMap<string, string>) =>
  (window: HallWindow): ShownWindow => ({
    ...window,
    queues: window.queues
      .map((served) => `${names.get(served.queueId) ?? served.queueId}${served.weight > 1 ? `×${served.weight}` : ''}`)
      .join('、'),
  });

function fieldsOf(before: object, after: object, secret: readonly string[] = []): Field[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return names.flatMap((field): Field[] => {
    // A flag left out is false (a clerk is kept without `disabled` until disabled).
    const flag = (value: unknown, other: unknown) => (value === undefined && typeof other === 'boolean' ? false : value);
    const from = flag((before as Record<string, unknown>)[field], (after as Record<string, unknown>)[field]);
    const to = flag((after as Record<string, unknown>)[field], (before as Record<string, unknown>)[field]);
    if (JSON.stringify(from) === JSON.stringify(to)) return [];
    return secret.includes(field) ? [{ field, from: null, to: null }] : [{ field, from: text(from), to: text(to) }];
  });
}

function listChanges<T extends object>(
  section: Section,
  before: readonly T[],
  after: readonly T[],
  keyField: keyof T & string,
  labelOf: (entry: T) => string,
  secret: readonly string[] = [],
): SettingsChange[] {
  const keyOf = (entry: T) => String(entry[keyField]);
  const old = new Map(before.map((entry) => [keyOf(entry), entry]));
  const changes: SettingsChange[] = [];
  for (const entry of after) {
    const was = old.get(keyOf(entry));
    const change = { section, key: keyOf(entry), label: labelOf(entry) };
    // A new entry's key is in its title already.
    if (!was) changes.push({ ...change, kind: 'added', fields: fieldsOf({}, entry, secret).filter((field) => field.field !== keyField) });
    else {
      const fields = fieldsOf(was, entry, secret);
      if (fields.length > 0) changes.push({ ...change, kind: 'changed', fields });
    }
  }
  const kept = new Set(after.map(keyOf));
  for (const entry of before)
    if (!kept.has(keyOf(entry))) changes.push({ section, key: keyOf(entry), label: labelOf(entry), kind: 'removed', fields: [] });
  return changes;
}

function ruleChanges(section: Section, before: object, after: object): SettingsChange[] {
  const fields = fieldsOf(before, after);
  return fields.length === 0 ? [] : [{ section, key: null, label: null, kind: 'changed', fields }];
}

/** What a new version changes, entry by entry and field by field; the PIN and card hashes show only that they changed. */
export function settingsChanges(before: HallSettings, after: HallSettings): SettingsChange[] {
  const names = new Map([...before.queues, ...after.queues].map((queue) => [queue.id, queue.name]));
  return [
    ...listChanges<Queue>('queues', before.queues.map(withoutCardLimits), after.queues.map(withoutCardLimits), 'id', (queue) => queue.name),
    ...listChanges<ShownWindow>(
      'windows',
      before.windows.map(shownWith(names)),
      after.windows.map(shownWith(names)),
      'number',
      (window) => window.name,
    ),
    ...listChanges<Clerk>('clerks', before.clerks, after.clerks, 'id', (clerk) => clerk.name, ['pinHash', 'idHash']),
    ...ruleChanges('calling', before.calling, after.calling),
    ...ruleChanges('appointments', before.appointments, after.appointments),
    ...ruleChanges(
      'service',
      {
        greenChannelAge: before.greenChannelAge,
        followUpWorkingDays: before.followUpWorkingDays,
        yellowCardWorkingDays: before.yellowCardWorkingDays,
      },
      {
        greenChannelAge: after.greenChannelAge,
        followUpWorkingDays: after.followUpWorkingDays,
        yellowCardWorkingDays: after.yellowCardWorkingDays,
      },
    ),
  ];
}
