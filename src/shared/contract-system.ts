import { z } from 'zod';
import { LinkStatusSchema } from './link-status.js';
import { RPC_ROLES, TERMINAL_ROLES } from './roles.js';
import { event, method } from './rpc/define.js';

export const HelloSchema = z.object({
  role: z.enum(RPC_ROLES),
  terminalId: z.string(),
  terminalRole: z.enum(TERMINAL_ROLES),
  hallName: z.string(),
  windowLabel: z.string().nullable(),
  windowNumber: z.number().int().nullable(),
  version: z.string(),
  /** On a kiosk: after how many untouched seconds it warns, then wipes the session and goes home. */
  idle: z.object({ idleSeconds: z.number().int(), warningSeconds: z.number().int() }).nullable(),
});
export type Hello = z.infer<typeof HelloSchema>;

/** What every page may ask of any terminal: who it is talking to, whether the terminal is cut off, and where a page failed. */
export const systemMethods = {
  'system.hello': method({
    summary: 'Who this page is talking to: the terminal, its hall and the role granted to this connection.',
    input: z.object({}).strict(),
    output: HelloSchema,
    roles: RPC_ROLES,
  }),
  'system.linkStatus': method({
    summary: 'Whether the hall server and the central platform are reachable from this terminal.',
    input: z.object({}).strict(),
    output: LinkStatusSchema,
    roles: RPC_ROLES,
  }),
  'system.pageError': method({
    summary: 'A part of a page failed to render and shows its fallback: the host logs what failed, for the administrator.',
    input: z
      .object({
        part: z.string().min(1).max(60),
        message: z.string().max(500),
        stack: z.string().max(4000).optional(),
      })
      .strict(),
    output: z.object({}),
    roles: RPC_ROLES,
  }),
};

export const systemEvents = {
  'system.linkStatus': event({
    summary: 'The hall server or the platform became reachable or unreachable.',
    payload: LinkStatusSchema,
    roles: RPC_ROLES,
  }),
};
