import type { Appointment } from '../shared/hall-api.js';
import { isValidIdNumber } from '../shared/id-number.js';
import { localDate, localTimeOfDay } from '../shared/local-date.js';
import type { Ticket } from '../shared/tickets.js';
import { ApiError } from '../shared/errors.js';
import { idHasher } from './id-hash.js';
import { randomCode } from './random-code.js';
import type { HallStore } from './storage/store.js';
import type { LiveConfig } from './live-config.js';
import type { TicketNumberService } from './ticket-numbers.js';
import { storedTicket, type StoredTicketRow } from './ticket-record.js';

interface Row {
  code: string;
  queue_id: string;
  day: string;
  slot_from: string;
  slot_to: string;
  state: Appointment['state'];
  ticket_id: string | null;
}

const toAppointment = (row: Row): Appointment => ({
  code: row.code,
  queueId: row.queue_id,
  day: row.day,
  from: row.slot_from,
  to: row.slot_to,
  state: row.state,
});

const shift = (hhmm: string, minutes: number) => {
  const total = Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)) + minutes;
  const clamped = Math.min(Math.max(total, 0), 24 * 60 - 1);
  return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`;
};

/**
 * Appointments and their check-in (预约签到): by the code on the booking or by the ID card it was booked
 * with, inside the booked slot widened by the configured minutes, into a ticket that goes ahead.
 */
export function createAppointments(store: HallStore, config: LiveConfig, tickets: TicketNumberService, now: () => Date) {
  const hash = idHasher(config.current());
  const queues = config.derived((hall) => new Set(hall.queues.map((queue) => queue.id)));
  const byCode = (code: string) => store.get<Row>('SELECT * FROM appointments WHERE code = ?', code);

  /** A card may hold several slots of one day: the first one not yet over, else the last (which says it has passed). */
  async function bookedByCard(day: string, idHash: string, time: string): Promise<Row | undefined> {
    const rows = await store.all<Row>(
      "SELECT * FROM appointments WHERE day = ? AND id_hash = ? AND state = 'booked' ORDER BY slot_from",
      day,
      idHash,
    );
    return rows.find((row) => time <= shift(row.slot_to, config.current().appointments.lateMinutes)) ?? rows.at(-1);
  }

  return {
    async book(request: { queueId: string; day: string; from: string; to: string; idNumber?: string }): Promise<Appointment> {
      if (!queues().has(request.queueId))
        throw new ApiError('NOT_FOUND', `没有编号为 ${request.queueId} 的队列 / no queue ${request.queueId}`);
      if (request.from >= request.to) throw new ApiError('INVALID_INPUT', '预约时段的开始应早于结束 / the slot must start before it ends');
      if (request.idNumber && !isValidIdNumber(request.idNumber))
        throw new ApiError('INVALID_INPUT', '身份证号码校验不通过 / the ID number fails its check');
      const code = randomCode();
      await store.run(
        'INSERT INTO appointments (code, queue_id, day, slot_from, slot_to, id_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        code,
        request.queueId,
        request.day,
        request.from,
        request.to,
        request.idNumber ? hash(request.idNumber) : null,
        now().toISOString(),
      );
      return toAppointment((await byCode(code))!);
    },

    checkIn: (request: { code?: string; idNumber?: string; terminalId: string }): Promise<Ticket> =>
      store.transaction(async () => {
        const instant = now();
        const today = localDate(instant, config.current().timeZone);
        const idHash = request.idNumber ? hash(request.idNumber) : null;
        const time = localTimeOfDay(instant, config.current().timeZone);
        const row = request.code ? await byCode(request.code) : idHash ? await bookedByCard(today, idHash, time) : undefined;
        if (!row || row.state === 'cancelled') {
          throw new ApiError(
            'NOT_FOUND',
            '未找到该预约，请核对预约码或到服务台咨询 / no such appointment: check the code or ask at the help desk',
          );
        }
        if (row.state === 'checked_in') {
          // Checked in once already, the answer lost on the way (a hall that stalled): the citizen is given that number again.
          const ticket = row.ticket_id
            ? await store.get<StoredTicketRow>(
                "SELECT * FROM tickets WHERE id = ? AND state IN ('waiting', 'called', 'parked')",
                row.ticket_id,
              )
            : undefined;
          if (!ticket)
            throw new ApiError(
              'REFUSED',
              '该预约已签到并已办理，如有疑问请到服务台 / this appointment was checked in and served already: ask at the help desk',
            );
          return storedTicket(
            store,
            ticket,
            config.current().queues.find((queue) => queue.id === ticket.queue_id)?.name ?? ticket.queue_id,
          );
        }
        if (row.day !== today) throw new ApiError('REFUSED', `您的预约日期是 ${row.day}，请在当天签到 / your appointment is on ${row.day}`);
        const { earlyMinutes, lateMinutes } = config.current().appointments;
        const opens = shift(row.slot_from, -earlyMinutes);
        const closes = shift(row.slot_to, lateMinutes);
        if (time < opens)
          throw new ApiError('REFUSED', `请于 ${opens} 后签到（预约时段 ${row.slot_from}–${row.slot_to}）/ check in from ${opens}`);
        if (time > closes)
          throw new ApiError(
            'REFUSED',
            `已超过预约时段 ${row.slot_from}–${row.slot_to}，请重新取号 / the appointment slot has passed: take a number`,
          );
        const ticket = await tickets.issue({
          queueId: row.queue_id,
          terminalId: request.terminalId,
          idNumber: request.idNumber,
          appointment: true,
        });
        await store.write("UPDATE appointments SET state = 'checked_in', ticket_id = ? WHERE code = ?", ticket.id, row.code);
        return ticket;
      }),
  };
}
