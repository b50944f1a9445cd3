import { windowDisplayTextAfter, windowDisplayTextOf } from '../../devices/window-display/driver.js';
import type { counterMethods } from '../../shared/contract-counter.js';
import type { HallEventType } from '../../shared/hall-events.js';
import { RpcError } from '../../shared/rpc/errors.js';
import type { FeatureContext } from './context.js';
import { guarded, present, type Feature, type Guard } from './feature.js';

export type Clerk = { id: string; name: string };

/** A ticket no longer served at the window after these: a case taken in later is not filed under it. */
const LEAVES_WINDOW: readonly HallEventType[] = ['ticket.finished', 'ticket.noShow', 'ticket.transferred', 'ticket.parked'];

export interface CounterFeature extends Feature<keyof typeof counterMethods> {
  /** The clerk logged in at this window, or the call is refused. */
  readonly asClerk: Guard<Clerk>;
  /** The hall ticket being served at this window, if any: the case taken in now is filed under it. */
  servingTicket(): string | null;
  /** Told when the window calls another ticket live: the intake of the applicant before ends. */
  onNextApplicant(listener: () => void): void;
}

/**
 * The counter's window: the hall is only ever asked to move tickets at the counter's own window (from
 * its configuration). It keeps what the window is doing — the clerk logged in, the ticket being served —
 * from its own calls, the hall's events and, after a resync, the hall's snapshot.
 */
export function counterFeature(ctx: FeatureContext): CounterFeature {
  const { hall, viaLink, customer, config } = ctx;
  const ownWindow = present(config.window?.number, '本终端不是窗口终端，不能叫号 / this terminal is not a counter: it cannot call numbers');
  let clerk: Clerk | null = null;
  let serving: { ticketId: string; ticketNumber: string } | null = null;
  /** The newest event (or snapshot) this window's state was taken from: an older snapshot arriving late changes nothing. */
  let windowStateSeq = 0;
  const nextApplicant: (() => void)[] = [];

  /** After a resync (a start, or a gap): the window's ticket and pause come from the hall's snapshot, not from replayed history. */
  async function restoreWindow(number: number): Promise<void> {
    const snapshot = await hall.snapshot().catch(() => null);
    const window = snapshot?.windows.find((candidate) => candidate.number === number);
    if (!snapshot || !window || snapshot.seq < windowStateSeq) return;
    windowStateSeq = snapshot.seq;
    serving = window.current ? { ticketId: window.current.ticketId, ticketNumber: window.current.ticketNumber } : null;
    // The clerk's login is the hall's: a host started again (after a crash) finds the clerk still logged in there.
    clerk = window.clerk;
    customer.setClerk(window.clerk ?? undefined);
    customer.setPaused(window.paused);
    void ctx.devices.windowDisplay?.show(windowDisplayTextOf(window));
  }

  if (config.window) {
    const number = config.window.number;
    ctx.onHallEvents({
      // An event sent to catch up (`live: false`) updates state only: it never asks for a rating nor clears an intake.
      event(event, live) {
        if (event.windowNumber !== number) return;
        windowStateSeq = event.seq;
        const shown = windowDisplayTextAfter(event, number, serving?.ticketNumber ?? null);
        if (shown) void ctx.devices.windowDisplay?.show(shown);
        if (event.ticket) {
          if (event.type === 'ticket.called' || event.type === 'ticket.resumed') {
            if (live && serving?.ticketId !== event.ticket.ticketId) nextApplicant.forEach((listener) => listener());
            serving = { ticketId: event.ticket.ticketId, ticketNumber: event.ticket.ticketNumber };
          } else if (LEAVES_WINDOW.includes(event.type) && serving?.ticketId === event.ticket.ticketId) serving = null;
        }
        if (event.type === 'window.paused' || event.type === 'window.resumed') customer.setPaused(event.type === 'window.paused');
        if (live && event.type === 'ticket.finished' && event.ticket) customer.rate(event.ticket.ticketId, event.ticket.ticketNumber);
      },
      resync: () => void restoreWindow(number),
    });
  }

  /** A clerk logs in at this window: by id or by their own card, with the PIN; the hall checks both. */
  async function logIn(window: number, who: { clerkId: string } | { idNumber: string }, pin: string) {
    const view = await viaLink('hall', () => hall.login(window, who, pin));
    clerk = view.clerk;
    customer.setClerk(view.clerk ?? undefined);
    return view;
  }

  return {
    name: 'counter',
    handlers: {
      ...guarded(ownWindow, {
        'counter.callNext': (_input, window) => viaLink('hall', () => hall.callNext(window)),
        'counter.recall': (_input, window) => viaLink('hall', () => hall.recall(window)),
        'counter.noShow': (_input, window) => viaLink('hall', () => hall.noShow(window)),
        'counter.park': (_input, window) => viaLink('hall', () => hall.park(window)),
        'counter.resume': ({ ticketId }, window) => viaLink('hall', () => hall.resume(window, ticketId)),
        'counter.finish': ({ serviceCodes }, window) => viaLink('hall', () => hall.finish(window, serviceCodes)),
        'counter.transfer': (target, window) => viaLink('hall', () => hall.transfer(window, target)),
        'counter.pause': async ({ paused }, window) => {
          const view = await viaLink('hall', () => hall.pause(window, paused));
          customer.setPaused(view.paused);
          return view;
        },
        'counter.login': ({ clerkId, pin }, window) => logIn(window, { clerkId }, pin),
        'counter.loginWithCard': ({ pin }, window) => {
          const card = ctx.idcard.takeRecentCard();
          if (!card) throw new RpcError('REFUSED', '请先将您本人的身份证放在读卡区 / place your own ID card on the reader first');
          return logIn(window, { idNumber: card.idNumber }, pin);
        },
        'counter.logout': async (_input, window) => {
          const view = await viaLink('hall', () => hall.logout(window));
          clerk = null;
          customer.setClerk(undefined);
          return view;
        },
      }),
      // A number back after 过号 is the hall's to place in line: no window is named.
      'counter.reinstate': ({ ticketNumber }) => viaLink('hall', () => hall.reinstate(ticketNumber)),
    },
    asClerk: () => {
      if (!clerk) throw new RpcError('REFUSED', '请先登录窗口，再办理业务 / log in at the window first');
      return clerk;
    },
    servingTicket: () => serving?.ticketId ?? null,
    onNextApplicant: (listener) => void nextApplicant.push(listener),
  };
}
