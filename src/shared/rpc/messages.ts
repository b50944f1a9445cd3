import { z } from 'zod';
import { RPC_ERROR_CODES } from './errors.js';

/** The three shapes that travel over every transport (IPC, WebSocket, in-memory). */
export const RpcIdSchema = z.union([z.string().max(64), z.number().int()]);

export const RpcRequestSchema = z
  .object({
    id: RpcIdSchema,
    method: z.string().min(1).max(100),
    input: z.unknown(),
  })
  .strict();
export type RpcRequest = z.infer<typeof RpcRequestSchema>;

export const RpcErrorBodySchema = z.object({
  code: z.enum(RPC_ERROR_CODES),
  message: z.string(),
});

export const RpcResponseSchema = z.union([
  z.object({ id: RpcIdSchema.nullable(), ok: z.literal(true), value: z.unknown() }),
  z.object({ id: RpcIdSchema.nullable(), ok: z.literal(false), error: RpcErrorBodySchema }),
]);
export type RpcResponse = z.infer<typeof RpcResponseSchema>;

export const RpcEventSchema = z.object({
  event: z.string(),
  payload: z.unknown(),
});
export type RpcEvent = z.infer<typeof RpcEventSchema>;
