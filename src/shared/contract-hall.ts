import { z } from 'zod';
import { HallSnapshotSchema } from './hall-api.js';
import { HallEventSchema } from './hall-events.js';
import { event, method } from './rpc/define.js';

/** The hall as its terminals see it: the snapshot, the events in order, and calls as spoken audio for the boards. */
export const hallMethods = {
  'hall.snapshot': method({
    summary: "The hall as it stands: waiting per queue, each window's ticket, the latest calls.",
    input: z.object({}).strict(),
    output: HallSnapshotSchema,
    roles: ['operator', 'kiosk', 'board'],
  }),
  'board.speech': method({
    summary: 'A call as spoken audio (WAV, espeak-ng) for boards whose browser has no Chinese voice.',
    input: z
      .object({
        text: z
          .string()
          .min(1)
          .max(60)
          .regex(/^[^\p{Cc}]+$/u, '不能含控制字符 / no control characters'),
      })
      .strict(),
    output: z.object({ wav: z.base64() }),
    roles: ['board', 'kiosk'],
  }),
};

export const hallEvents = {
  'hall.event': event({
    summary:
      'Something happened in the hall (a number issued, called, finished…), in order, each once. `live: false`: it happened before the stream (re)connected and came to catch up: it updates what is shown, it is never announced.',
    payload: HallEventSchema.extend({ live: z.boolean() }),
    roles: ['operator', 'kiosk', 'board'],
  }),
  'hall.resync': event({
    summary: 'The terminal has just joined the hall’s events, or could not follow them without a gap: take a fresh snapshot.',
    payload: z.object({ seq: z.number().int() }),
    roles: ['operator', 'kiosk', 'board'],
  }),
};
