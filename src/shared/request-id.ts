import { z } from 'zod';

/**
 * The id of one user action that creates something (取号, 签到, a pre-fill code, 受理). The page makes it
 * when the person acts and sends it again, unchanged, when it repeats that action after a lost reply;
 * the host answers a repeat with its first reply and hands the id on to the hall as the request's
 * Idempotency-Key, so one tap never makes two numbers or two cases.
 */
export const RequestIdSchema = z.uuid({ error: '请求编号应为 UUID（每次操作生成一个）/ the request id must be a UUID, one per action' });
