import { CLERK_EVENT_TYPES, PUBLIC_EVENT_TYPES, type HallEvent, type HallEventType } from '../shared/hall-events.js';
import type { TerminalKind } from './access.js';

const PUBLIC_FIELDS = ['seq', 'at', 'type', 'ticket', 'windowNumber'] as const;

/**
 * Per role, the event types that go out and the fields they keep: an allow-list both ways, so a kind or a
 * field added later reaches no screen until it is named here. Boards and kiosks stand in the hall, in front
 * of everyone: they get the numbers and windows only, never a clerk's transfer note (it may name the
 * applicant) nor who logged in. Counters are staff: they also get the note, for the window that takes the
 * ticket, and the clerk logins. Supervision events (enrolments, revocations, the configuration) reach no
 * terminal. A caller without a role (the open development mode) is treated as the most public screen.
 */
const VISIBLE: Record<TerminalKind, { types: readonly HallEventType[]; fields: readonly (keyof HallEvent)[] }> = {
  board: { types: PUBLIC_EVENT_TYPES, fields: PUBLIC_FIELDS },
  kiosk: { types: PUBLIC_EVENT_TYPES, fields: PUBLIC_FIELDS },
  counter: { types: [...PUBLIC_EVENT_TYPES, ...CLERK_EVENT_TYPES], fields: [...PUBLIC_FIELDS, 'note', 'clerkId'] },
};

/** The event as a terminal of this role may see it, or null when it is not for that role at all. */
export function visibleTo(role: TerminalKind | null, event: HallEvent): HallEvent | null {
  const rule = VISIBLE[role ?? 'board'];
  if (!rule.types.includes(event.type)) return null;
  return Object.fromEntries(rule.fields.filter((field) => event[field] !== undefined).map((field) => [field, event[field]])) as HallEvent;
}
