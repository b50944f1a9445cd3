import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/hall/event-log.js';
import { MAX_CATCH_UP_EVENTS } from '../../src/hall/event-stream.js';
import { createHallServer } from '../../src/hall/server.js';
import { HallStreamMessageSchema, type HallStreamMessage } from '../../src/shared/hall-api.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { HALL_ENGINES, useHallStores, type HallEngine } from '../helpers/hall-store.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDir('onewindow-hall-events-');
const openStore = useHallStores();
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function startHall(engine: HallEngine, reuse?: string) {
  const { store, location } = await openStore(engine, { reuse });
  const app = createHallServer({ config: TEST_HALL, store });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const stop = async () => {
    await app.close();
    await store.close();
  };
  closers.push(stop);
  const post = async (path: string, body: unknown) => {
    const reply = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    });
    return { status: reply.status, body: (await reply.json()) as Record<string, unknown> };
  };
  return { base, post, stop, location };
}

function listen(base: string, after: number, onMessage: (message: HallStreamMessage) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${base.replace('http', 'ws')}/api/v1/events?after=${after}`);
    socket.on('message', (data) => onMessage(HallStreamMessageSchema.parse(JSON.parse(String(data)))));
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe.each(HALL_ENGINES)('hall event stream on %s', (engine) => {
  it('a board that reconnects at random points sees every event exactly once, in order', async () => {
    const hall = await startHall(engine);
    const seen: number[] = [];
    let last = 0;
    const onMessage = (message: HallStreamMessage) => {
      if (message.kind === 'resync') last = message.seq;
      if (message.kind !== 'event') return;
      seen.push(message.event.seq);
      last = message.event.seq;
    };
    let socket = await listen(hall.base, 0, onMessage);
    await waitFor(() => last === 1); // the configuration the hall started with, which the stream does not send
    let moves = 1;
    for (let round = 0; round < 12; round++) {
      await hall.post('/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k1' });
      await hall.post('/api/v1/calls/next', { windowNumber: 2 });
      await hall.post('/api/v1/calls/finish', { windowNumber: 2 });
      moves += 3;
      if (round % 3 !== 1) {
        socket.terminate();
        await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'k1' });
        moves += 1;
        socket = await listen(hall.base, last, onMessage);
      }
    }
    await waitFor(() => seen.length === moves - 1);
    expect(seen).toEqual(Array.from({ length: moves - 1 }, (_, i) => i + 2));
    socket.close();
  });

  it('tells a client that is ahead of the log to resync from a snapshot', async () => {
    const hall = await startHall(engine);
    const messages: HallStreamMessage[] = [];
    const socket = await listen(hall.base, 999, (message) => messages.push(message));
    await waitFor(() => messages.length >= 1);
    expect(messages[0]).toEqual({ kind: 'resync', seq: 1 });
    socket.close();
  });

  it('sends a client what it missed, marked as catch-up and in order, unless it is too far behind: then it resyncs', async () => {
    const { store, location } = await openStore(engine, { reuse: engine === 'sqlite' ? join(tempDir(), 'hall.db') : undefined });
    const log = createEventLog(store, () => new Date());
    const ticket = {
      ticketId: 't',
      ticketNumber: 'A001',
      queueId: 'comprehensive',
      queueName: '综合一窗',
      windowNumber: null,
      windowName: null,
      announcement: null,
      offline: false,
      issuedAt: null,
    };
    await store.transaction(async () => {
      for (let i = 0; i < MAX_CATCH_UP_EVENTS + 100; i++) await log.append('ticket.issued', ticket, null);
    });
    await store.close();
    const hall = await startHall(engine, location);
    const last = MAX_CATCH_UP_EVENTS + 101; // and the configuration the hall started with

    const from = last - MAX_CATCH_UP_EVENTS;
    const behind: HallStreamMessage[] = [];
    await listen(hall.base, from, (message) => behind.push(message));
    const far: HallStreamMessage[] = [];
    await listen(hall.base, from - 1, (message) => far.push(message));
    // Up to the number before the configuration's event, which is for no terminal.
    await waitFor(() => behind.filter((message) => message.kind === 'event').length === MAX_CATCH_UP_EVENTS - 1);
    const caughtUp = behind.flatMap((message) => (message.kind === 'event' ? [message] : []));
    expect(caughtUp.map((message) => message.event.seq)).toEqual(Array.from({ length: MAX_CATCH_UP_EVENTS - 1 }, (_, i) => from + 1 + i));
    expect(caughtUp.every((message) => !message.live)).toBe(true);
    await waitFor(() => far.length > 0);
    expect(far[0]).toEqual({ kind: 'resync', seq: last });

    await hall.post('/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k1' });
    await waitFor(() => behind.some((message) => message.kind === 'event' && message.live));
    expect(behind.filter((message) => message.kind === 'event').at(-1)).toMatchObject({ live: true, event: { seq: last + 1 } });
  });

  it('serves a snapshot that draws the whole hall, and keeps it across a restart', async () => {
    const first = await startHall(engine, engine === 'sqlite' ? join(tempDir(), 'hall.db') : undefined);
    await first.post('/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k1' });
    await first.post('/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k1' });
    const called = await first.post('/api/v1/calls/next', { windowNumber: 1 });
    expect(called.body).toMatchObject({ ticketNumber: 'A001', announcement: '请A001号到1号窗口办理' });
    await first.stop();
    closers.length = 0;

    const second = await startHall(engine, first.location);
    const snapshot = (await (await fetch(`${second.base}/api/v1/snapshot`)).json()) as {
      seq: number;
      windows: { number: number; current: { ticketNumber: string } | null }[];
      queues: { id: string; waiting: number }[];
      recentCalls: { ticket: { ticketNumber: string } }[];
    };
    expect(snapshot.seq).toBe(4);
    expect(snapshot.windows.find((window) => window.number === 1)?.current?.ticketNumber).toBe('A001');
    expect(snapshot.queues.find((queue) => queue.id === 'comprehensive')?.waiting).toBe(1);
    expect(snapshot.recentCalls.map((call) => call.ticket.ticketNumber)).toEqual(['A001']);
    expect((await second.post('/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k1' })).body.ticketNumber).toBe('A003');
  });

  it('refuses illegal moves over HTTP with 409 and the reason, and bad bodies with 400', async () => {
    const hall = await startHall(engine);
    expect(await hall.post('/api/v1/calls/next', { windowNumber: 2 })).toMatchObject({ status: 409, body: { error: { code: 'REFUSED' } } });
    expect((await hall.post('/api/v1/calls/next', { windowNumber: 77 })).status).toBe(404);
    expect((await hall.post('/api/v1/calls/transfer', { windowNumber: 2 })).status).toBe(400);
  });
});
