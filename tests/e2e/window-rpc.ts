import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { rawRpcFromPage } from './rpc-from-page.js';

type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** One RPC from the counter page, as the counter's own code makes it; the reply's value, or the refusal thrown. */
export async function counterRpc<T = unknown>(counter: Page, method: string, input: unknown): Promise<T> {
  const reply = (await rawRpcFromPage(counter, { id: randomUUID(), method, input })) as Reply<T>;
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.value;
}

/**
 * The clerk 王晓 at window 3 (the usual counter), calling a fresh number there: whatever the window was
 * serving is finished first, so the call is the window's newest. The ticket called.
 */
export async function callAtWindow3(counter: Page): Promise<{ ticketNumber: string; ticketId: string }> {
  // A login checks the PIN slowly, on purpose: only when nobody is logged in at the window.
  const { windows } = await counterRpc<{ windows: { number: number; clerk: unknown }[] }>(counter, 'hall.snapshot', {});
  if (!windows.find((window) => window.number === 3)?.clerk) await counterRpc(counter, 'counter.login', { clerkId: 'c001', pin: '2468' });
  await counterRpc(counter, 'counter.pause', { paused: false });
  await counterRpc(counter, 'queue.takeTicket', { requestId: randomUUID(), queueId: 'comprehensive' });
  await counterRpc(counter, 'counter.finish', { serviceCodes: [] }).catch(() => undefined);
  return counterRpc(counter, 'counter.callNext', {});
}
