import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { RpcError } from '../../src/shared/rpc/errors.js';
import type { RpcRole } from '../../src/shared/roles.js';
import type { TerminalHost } from '../../src/terminal/host.js';
import { pageOf, useTestHosts } from '../helpers/host.js';
import { waitFor } from '../helpers/wait-for.js';
import { TEST_CLERK, TEST_HALL_WITH_CLERK } from '../helpers/hall-config.js';

const startHost = useTestHosts();
const hallAndHost = (role: 'kiosk' | 'counter', hallUrl?: string) => startHost(role, { hallUrl });

function page(host: TerminalHost, role: RpcRole) {
  const rpc = pageOf(host, role);
  const events: { name: string; payload: unknown }[] = [];
  for (const name of ['system.linkStatus', 'hall.event', 'display.customerView'] as const) {
    rpc.on(name, (payload) => events.push({ name, payload }));
  }
  return { rpc, events };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('terminal host', () => {
  it('takes a number from the hall server, and relays the hall’s events to the pages that show the hall', async () => {
    const { host } = await hallAndHost('kiosk');
    host.start();
    const kiosk = page(host, 'kiosk');
    const customer = page(host, 'customer');
    // The stream starts where the hall is when it opens (no history): only what comes after is relayed.
    await waitFor(async () => (await kiosk.rpc.invoke('system.linkStatus', {})).hall === 'online');
    const first = await kiosk.rpc.invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'comprehensive' });
    const second = await kiosk.rpc.invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'comprehensive' });
    expect([first.ticketNumber, second.ticketNumber]).toEqual(['A001', 'A002']);
    expect(second.waitingAhead).toBe(1);
    const queues = await kiosk.rpc.invoke('queue.list', {});
    expect(queues.queues.find((queue) => queue.id === 'comprehensive')?.waiting).toBe(2);
    await waitFor(() => kiosk.events.filter((event) => event.name === 'hall.event').length === 2);
    expect(kiosk.events.filter((event) => event.name === 'hall.event').map((event) => (event.payload as { type: string }).type)).toEqual([
      'ticket.issued',
      'ticket.issued',
    ]);
    expect(customer.events.filter((event) => event.name === 'hall.event')).toEqual([]);
  });

  it('introduces itself with the role its connection was granted', async () => {
    const { host } = await hallAndHost('counter');
    const hello = await page(host, 'customer').rpc.invoke('system.hello', {});
    expect(hello).toMatchObject({ role: 'customer', terminalRole: 'counter', windowLabel: '3号窗口 综合受理', version: '0.0.0-test' });
  });

  it('passes the hall’s refusal through in its own words', async () => {
    const { host } = await hallAndHost('kiosk');
    const kiosk = page(host, 'kiosk');
    await kiosk.rpc.invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'tiny' });
    await kiosk.rpc.invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'tiny' });
    await expect(kiosk.rpc.invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'tiny' })).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('号码已发完'),
    });
    await expect(kiosk.rpc.invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('says clearly, and without its address, when the hall server cannot be reached, and marks the link offline for every page', async () => {
    const { host } = await hallAndHost('kiosk', 'http://127.0.0.1:9');
    const kiosk = page(host, 'kiosk');
    const error = (await kiosk.rpc
      .invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'comprehensive' })
      .catch((e: unknown) => e)) as RpcError;
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toContain('无法连接大厅服务器');
    expect(error.message).not.toContain('127.0.0.1');
    await settle();
    expect(kiosk.events).toContainEqual({ name: 'system.linkStatus', payload: expect.objectContaining({ hall: 'offline' }) });
    expect((await kiosk.rpc.invoke('system.linkStatus', {})).hall).toBe('offline');
  });

  it('probes the hall and the platform when started', async () => {
    const { host } = await hallAndHost('kiosk');
    const board = page(host, 'board');
    host.start();
    // The first probes answer when they answer: on a loaded machine that is not within a fixed time.
    await vi.waitFor(
      async () => expect(await board.rpc.invoke('system.linkStatus', {})).toMatchObject({ hall: 'online', platform: 'online' }),
      {
        timeout: 15_000,
        interval: 100,
      },
    );
  });

  it("lets the counter's operator set the customer screen, which follows live", async () => {
    const { host } = await hallAndHost('counter');
    const operator = page(host, 'operator');
    const customer = page(host, 'customer');
    expect(await customer.rpc.invoke('display.getCustomerView', {})).toEqual({ kind: 'welcome', windowLabel: '3号窗口 综合受理' });
    await operator.rpc.invoke('display.setCustomerView', { view: { kind: 'paused', windowLabel: '3号窗口 综合受理' } });
    await settle();
    expect(customer.events).toContainEqual({ name: 'display.customerView', payload: { kind: 'paused', windowLabel: '3号窗口 综合受理' } });
    await expect(customer.rpc.invoke('display.setCustomerView', { view: { kind: 'welcome', windowLabel: 'x' } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('terminal host at a counter', () => {
  it('started while its window is paused in the hall, takes the pause from the snapshot, not from replayed history', async () => {
    const { host, hall } = await hallAndHost('counter');
    await fetch(`${hall.hallUrl}/api/v1/windows/pause`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ windowNumber: 3, paused: true }),
    });
    const customer = page(host, 'customer');
    host.start();
    await waitFor(async () => (await customer.rpc.invoke('display.getCustomerView', {})).kind === 'paused');
  });

  it('started again after a crash, finds its clerk still logged in at the hall and lets them go on working', async () => {
    const { host: crashed, hall } = await startHost('counter', { hall: TEST_HALL_WITH_CLERK });
    crashed.start();
    await pageOf(crashed, 'operator').invoke('counter.login', { clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin });
    await crashed.stop();

    const { host } = await startHost('counter', { running: hall });
    host.start();
    const operator = pageOf(host, 'operator');
    await waitFor(async () =>
      operator.invoke('cases.putMaterial', { data: Buffer.from('a scanned page').toString('base64'), mediaType: 'image/jpeg' }).then(
        () => true,
        () => false,
      ),
    );
    expect(await operator.invoke('display.getCustomerView', {})).toMatchObject({ kind: 'welcome', clerkName: TEST_CLERK.name });
  });

  it('has one pause: the applicant’s screen follows the window paused in the hall, and comes back with it', async () => {
    const { host } = await hallAndHost('counter');
    host.start();
    const operator = page(host, 'operator');
    const customer = page(host, 'customer');
    await operator.rpc.invoke('counter.pause', { paused: true });
    expect(await customer.rpc.invoke('display.getCustomerView', {})).toMatchObject({ kind: 'paused', windowLabel: '3号窗口 综合受理' });
    await operator.rpc.invoke('counter.pause', { paused: false });
    expect(await customer.rpc.invoke('display.getCustomerView', {})).toMatchObject({ kind: 'welcome' });
  });

  it('calls, finishes and transfers at its own window only, and refuses on a kiosk', async () => {
    const { host } = await hallAndHost('counter');
    const kiosk = page(host, 'kiosk');
    const operator = page(host, 'operator');
    await kiosk.rpc.invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'comprehensive' });
    await kiosk.rpc.invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'comprehensive' });
    await expect(operator.rpc.invoke('counter.callNext', {})).resolves.toMatchObject({
      ticketNumber: 'A001',
      windowNumber: 3,
      announcement: '请A001号到3号窗口办理',
    });
    await expect(operator.rpc.invoke('counter.callNext', {})).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('A001'),
    });
    await expect(operator.rpc.invoke('counter.transfer', { toQueueId: 'tax' })).resolves.toMatchObject({
      ticketNumber: 'A001',
      queueId: 'tax',
    });
    await operator.rpc.invoke('counter.callNext', {});
    await operator.rpc.invoke('counter.finish', { serviceCodes: ['000001'] });
    const snapshot = await operator.rpc.invoke('hall.snapshot', {});
    expect(snapshot.windows.find((window) => window.number === 3)?.current).toBeNull();
    await expect(kiosk.rpc.invoke('counter.callNext', {} as never)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('board speech', () => {
  it('speaks a call in Mandarin through espeak-ng as WAV, for boards without a Chinese voice', async () => {
    const { host } = await hallAndHost('kiosk');
    const board = page(host, 'board');
    const { wav } = await board.rpc.invoke('board.speech', { text: '请A001号到3号窗口办理' });
    const audio = Buffer.from(wav, 'base64');
    expect(audio.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(audio.length).toBeGreaterThan(10_000);
    await expect(board.rpc.invoke('board.speech', { text: 'A001\u0007' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('appointment check-in at a terminal', () => {
  it('checks in by code and prints nothing without a printer, refusing a bad code in words', async () => {
    const { host, hall } = await hallAndHost('kiosk');
    const booked = (await (
      await fetch(`${hall.hallUrl}/api/v1/appointments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          queueId: 'tax',
          day: new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }),
          from: '00:00',
          to: '23:58',
        }),
      })
    ).json()) as { code: string };
    const kiosk = page(host, 'kiosk');
    await expect(
      kiosk.rpc.invoke('queue.checkIn', { requestId: randomUUID(), code: ` ${booked.code.toLowerCase()} ` }),
    ).resolves.toMatchObject({ priorityReason: 'appointment', print: null });
    await expect(kiosk.rpc.invoke('queue.checkIn', { requestId: randomUUID(), code: 'ABC' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('8 位'),
    });
    await expect(kiosk.rpc.invoke('queue.checkIn', { requestId: randomUUID() })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
