import type { CustomerView } from '../shared/customer-view.js';
import type { Emit } from './emit.js';

export interface CustomerDisplayDeps {
  windowLabel: string;
  emit: Emit<'display.customerView'>;
}

/** How long the rating screen waits for an applicant who does not rate. */
const RATING_SCREEN_MS = 60_000;
const PAUSED_REASON = '本窗口暂停服务，请到其他窗口办理 / Paused: please go to another window';

/**
 * What the applicant's screen beside a counter shows: welcome (naming the clerk logged in, as halls
 * do), paused, or — after a service — the voluntary rating, which returns to welcome by itself.
 */
export function createCustomerDisplay({ windowLabel, emit }: CustomerDisplayDeps) {
  let clerk: { name: string; id: string } | undefined;
  let paused = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** What the screen shows between applicants: welcome, or paused while the hall has this window paused. */
  const welcome = (): CustomerView =>
    paused
      ? { kind: 'paused', windowLabel, reason: PAUSED_REASON }
      : { kind: 'welcome', windowLabel, ...(clerk ? { clerkName: clerk.name, clerkId: clerk.id } : {}) };
  let view = welcome();

  function show(next: CustomerView): void {
    clearTimeout(timer);
    // The window is this display's to name: a page that asks before it knows its label must not blank it.
    const labelled = { ...next, windowLabel };
    view =
      labelled.kind === 'welcome' && !labelled.clerkName && clerk ? { ...labelled, clerkName: clerk.name, clerkId: clerk.id } : labelled;
    emit('display.customerView', view);
    if (view.kind === 'rating') timer = setTimeout(() => show(welcome()), RATING_SCREEN_MS);
  }

  return {
    current: () => view,
    show,
    welcome: () => show(welcome()),
    rate(ticketId: string, ticketNumber: string): void {
      show({ kind: 'rating', windowLabel, ticketId, ticketNumber });
    },
    /**
     * The next number is called: the last applicant's case (its review, its receipt number) leaves the
     * screen before the next applicant sits down. A rating still waiting stays: it names no one.
     */
    nextApplicant(): void {
      if (view.kind === 'review' || view.kind === 'accepted') show(welcome());
    },
    /** The ticket the rating screen asks about, if it is showing. */
    ratingTicket: (): string | null => (view.kind === 'rating' ? view.ticketId : null),
    /** The clerk at the window, by name and 工号, as halls show them to the applicant. */
    setClerk(onDuty: { name: string; id: string } | undefined): void {
      clerk = onDuty;
      show(welcome());
    },
    /**
     * The window's one pause state is the hall's: the counter's pause button sets it there, and the
     * applicant's screen follows it here, so the two can never say different things.
     */
    setPaused(windowPaused: boolean): void {
      // Told again what it knows (the counter's answer, then the hall's event; a snapshot), it leaves the screen alone.
      if (windowPaused === paused) return;
      paused = windowPaused;
      show(welcome());
    },
    stop: () => clearTimeout(timer),
  };
}
