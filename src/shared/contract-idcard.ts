import { z } from 'zod';
import { IdCardReaderStatusSchema, IdCardViewSchema } from './idcard.js';
import { event, method } from './rpc/define.js';

/** The ID-card reader: cards reach pages masked; the full card stays in the host. */
export const idcardMethods = {
  'idcard.read': method({
    summary: 'Wait for the next card on this terminal’s reader and return it, masked.',
    input: z.object({ timeoutMs: z.number().int().min(1000).max(60_000).default(15_000) }).strict(),
    output: IdCardViewSchema,
    roles: ['operator', 'kiosk'],
  }),
  'idcard.status': method({
    summary: 'Whether this terminal’s ID-card reader is connected, and what to do when it is not.',
    input: z.object({}).strict(),
    output: IdCardReaderStatusSchema,
    roles: ['operator', 'kiosk'],
  }),
  'idcard.simulate': method({
    summary: 'Put a sample card on a simulated reader (null takes it away); refused on real hardware.',
    input: z.object({ sample: z.string().max(60).nullable() }).strict(),
    output: z.object({}),
    roles: ['operator', 'kiosk'],
  }),
};

export const idcardEvents = {
  'idcard.card': event({
    summary: 'A card was placed on this terminal’s reader and read; masked.',
    payload: IdCardViewSchema,
    roles: ['operator', 'kiosk'],
  }),
  'idcard.error': event({
    summary: 'A card could not be read; the message says what to do.',
    payload: z.object({ message: z.string() }),
    roles: ['operator', 'kiosk'],
  }),
  'idcard.status': event({
    summary: 'The reader connected, lost its SAM, or was unplugged.',
    payload: IdCardReaderStatusSchema,
    roles: ['operator', 'kiosk'],
  }),
};
