import { expect, it } from 'vitest';
import { idCheckDigit } from '../../src/shared/id-number.js';
import { HallConfigSchema } from '../../src/shared/hall-config.js';
import { useHallServersOnEachEngine } from '../helpers/hall-http.js';

const { startHall, eachEngine } = useHallServersOnEachEngine();

const ID = `43060219900307123${idCheckDigit('43060219900307123')}`;

async function hallAt(iso: string) {
  let now = new Date(iso);
  const config = HallConfigSchema.parse({
    hallName: '测试大厅',
    idHashKey: 'a-test-key-of-the-hall-32-chars!',
    queues: [{ id: 'real-estate', name: '不动产登记', prefix: 'B' }],
    windows: [{ number: 4, name: '不动产', queues: [{ queueId: 'real-estate' }] }],
  });
  const { post } = await startHall(config, { now: () => now });
  return { post, at: (next: string) => (now = new Date(next)) };
}

eachEngine('appointments', () => {
  it('checks in by code inside the slot, ahead of those who came without one, once', async () => {
    // 09:00 in Beijing.
    const hall = await hallAt('2026-11-27T01:00:00Z');
    const booked = (await hall.post('/api/v1/appointments', { queueId: 'real-estate', day: '2026-11-27', from: '10:00', to: '10:30' }))
      .body;
    expect(booked).toMatchObject({ state: 'booked', code: expect.stringMatching(/^[A-Z2-9]{8}$/) });
    expect((await hall.post('/api/v1/appointments/check-in', { terminalId: 'k1', code: booked.code })).body.error?.message).toContain(
      '请于 09:30 后签到',
    );

    hall.at('2026-11-27T01:40:00Z');
    await hall.post('/api/v1/tickets', { queueId: 'real-estate', terminalId: 'k1' });
    hall.at('2026-11-27T01:45:00Z');
    const ticket = (await hall.post('/api/v1/appointments/check-in', { terminalId: 'k1', code: booked.code })).body;
    expect(ticket).toMatchObject({ ticketNumber: 'B002', priorityReason: 'appointment', waitingAhead: 0 });
    expect((await hall.post('/api/v1/calls/next', { windowNumber: 4 })).body.ticketNumber).toBe('B002');
    // Checked in already (the answer lost on the way, say): the same number again, not a second one and not a dead end.
    expect((await hall.post('/api/v1/appointments/check-in', { terminalId: 'k1', code: booked.code })).body).toMatchObject({
      id: ticket.id,
      ticketNumber: 'B002',
    });
    await hall.post('/api/v1/calls/finish', { windowNumber: 4 });
    expect((await hall.post('/api/v1/appointments/check-in', { terminalId: 'k1', code: booked.code })).body.error?.message).toContain(
      '已签到并已办理',
    );
  });

  it('checks in by the ID card it was booked with, and refuses a late or unknown one', async () => {
    const hall = await hallAt('2026-11-27T01:00:00Z');
    await hall.post('/api/v1/appointments', { queueId: 'real-estate', day: '2026-11-27', from: '09:00', to: '09:30', idNumber: ID });
    expect((await hall.post('/api/v1/appointments/check-in', { terminalId: 'k1', idNumber: ID })).body).toMatchObject({
      ticketNumber: 'B001',
    });
    const late = await hall.post('/api/v1/appointments', { queueId: 'real-estate', day: '2026-11-27', from: '08:00', to: '08:30' });
    expect((await hall.post('/api/v1/appointments/check-in', { terminalId: 'k1', code: late.body.code })).body.error?.message).toContain(
      '请重新取号',
    );
    expect((await hall.post('/api/v1/appointments/check-in', { terminalId: 'k1', code: 'ZZZZZZZZ' })).status).toBe(404);
    expect((await hall.post('/api/v1/appointments/check-in', { terminalId: 'k1' })).status).toBe(400);
  });

  it('checks in by card the slot that is still open, not an earlier one of the same day that was missed', async () => {
    // 09:45 in Beijing: the 08:00 slot has passed, the 10:00 one opens at 09:30.
    const hall = await hallAt('2026-11-27T01:45:00Z');
    await hall.post('/api/v1/appointments', { queueId: 'real-estate', day: '2026-11-27', from: '08:00', to: '08:30', idNumber: ID });
    const open = (
      await hall.post('/api/v1/appointments', { queueId: 'real-estate', day: '2026-11-27', from: '10:00', to: '10:30', idNumber: ID })
    ).body;
    expect((await hall.post('/api/v1/appointments/check-in', { terminalId: 'k1', idNumber: ID })).body).toMatchObject({
      ticketNumber: 'B001',
      priorityReason: 'appointment',
    });
    expect((await hall.post('/api/v1/appointments/check-in', { terminalId: 'k1', code: open.code })).body).toMatchObject({
      ticketNumber: 'B001',
    });
  });
});
