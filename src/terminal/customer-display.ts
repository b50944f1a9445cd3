import type { CustomerView } from '../shared/customer-view.js';

/** How long the rating screen waits for an applicant who does not rate. */
const RATING_SCREEN_MS = 60_000;

/**
 * What the applicant's screen beside a counter shows: welcome (naming the clerk logged in, as halls
 * do), paused, or — after a service — the voluntary rating, which returns to welcome by itself.
 */
export function createCustomerDisplay(windowLabel: string, onChange: (view: CustomerView) => void) {
  let clerk: { name: string; id: string } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const welcome = (): CustomerView => ({ kind: 'welcome', windowLabel, ...(clerk ? { clerkName: clerk.name, clerkId: clerk.id } : {}) });
  let view = welcome();

  function show(next: CustomerView): void {
    clearTimeout(timer);
    // The window is this display's to name: a page that asks before it knows its label must not blank it.
    const labelled = { ...next, windowLabel };
    view = labelled.kind === 'welcome' && !labelled.clerkName && clerk ? { ...labelled, clerkName: clerk.name, clerkId: clerk.id } : labelled;
    onChange(view);
    if (view.kind === 'rating') timer = setTimeout(() => show(welcome()), RATING_SCREEN_MS);
  }

  return {
    current: () => view,
    show,
    welcome: () => show(welcome()),
    rate(ticketId: string, ticketNumber: string): void {
      show({ kind: 'rating', windowLabel, ticketId, ticketNumber });
    },
    /** The ticket the rating screen asks about, if it is showing. */
    ratingTicket: (): string | null => (view.kind === 'rating' ? view.ticketId : null),
    /** The clerk at the window, by name and 工号, as halls show them to the applicant. */
    setClerk(onDuty: { name: string; id: string } | undefined): void {
      clerk = onDuty;
      show(welcome());
    },
    stop: () => clearTimeout(timer),
  };
}
