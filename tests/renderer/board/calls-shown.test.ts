import { describe, expect, it } from 'vitest';
import type { HallEvent } from '../../../src/shared/hall-events.js';
import { callsShown } from '../../../src/renderer/board/calls-shown.js';
import { boardLanguage } from '../../../src/renderer/board/board-language.js';

function call(seq: number, ticketNumber: string, windowNumber: number, type: HallEvent['type'] = 'ticket.called'): HallEvent {
  return {
    seq,
    at: '2026-12-02T01:00:00.000Z',
    type,
    windowNumber,
    ticket: {
      ticketId: `t-${ticketNumber}`,
      ticketNumber,
      queueId: 'comprehensive',
      queueName: '综合一窗',
      windowNumber,
      windowName: '综合受理',
      announcement: `请${ticketNumber}号到${windowNumber}号窗口办理`,
      offline: false,
      issuedAt: null,
    },
  };
}

const OPEN = [1, 2, 3].map((number) => ({ number, paused: false }));

describe('the calls on the board', () => {
  it('heads with the newest call, the ones before it after, each ticket once at its newest call', () => {
    const recent = [call(5, 'A003', 2), call(4, 'A001', 3, 'ticket.recalled'), call(2, 'A002', 1), call(1, 'A001', 3)];
    const shown = callsShown(call(6, 'A004', 1), recent, OPEN, 4);
    expect(shown.current?.ticket?.ticketNumber).toBe('A004');
    expect(shown.previous.map((event) => event.ticket?.ticketNumber)).toEqual(['A003', 'A001', 'A002']);
  });

  it('calls no one to a window the hall has paused: the headline falls to the newest call at an open window', () => {
    const recent = [call(3, 'A002', 3), call(2, 'A001', 1)];
    const paused = [
      { number: 1, paused: false },
      { number: 3, paused: true },
    ];
    const shown = callsShown(recent[0], recent, paused, 4);
    expect(shown.current?.ticket?.ticketNumber).toBe('A001');
    expect(shown.previous).toEqual([]);
    expect(callsShown(recent[0], [recent[0]!], paused, 4).current).toBeUndefined();
  });

  it('speaks the hall’s language setting from the page address: Chinese unless English is asked for', () => {
    expect(boardLanguage('?token=x&lang=en')).toBe('en');
    expect(boardLanguage('?token=x')).toBe('zh-CN');
    expect(boardLanguage('?lang=fr')).toBe('zh-CN');
  });
});
