import { expect, it } from 'vitest';
import { createPrefills } from '../../src/hall/prefills.js';
import { createHallRetention } from '../../src/hall/retention.js';
import { idCheckDigit } from '../../src/shared/id-number.js';
import { HallConfigSchema } from '../../src/shared/hall-config.js';
import { useHallServersOnEachEngine } from '../helpers/hall-http.js';

const { startHall, eachEngine } = useHallServersOnEachEngine();
const CARD = '43060219900307123' + idCheckDigit('43060219900307123');

eachEngine('what the hall forgets', () => {
  it("clears a ticket's card hash and its page's link once its day is past, and keeps today's for the per-card limits", async () => {
    let clock = new Date('2026-11-26T02:00:00Z');
    const config = HallConfigSchema.parse({
      hallName: '测试大厅',
      idHashKey: 'a-test-key-of-the-hall-32-chars!',
      queues: [{ id: 'real-estate', name: '不动产登记', prefix: 'B', idRequired: true, perIdPerDay: 1 }],
    });
    const hall = await startHall(config, { now: () => clock });
    expect((await hall.post('/api/v1/tickets', { queueId: 'real-estate', terminalId: 'k1', idNumber: CARD })).status).toBe(200);
    clock = new Date('2026-11-27T02:00:00Z');
    expect((await hall.post('/api/v1/tickets', { queueId: 'real-estate', terminalId: 'k1', idNumber: CARD })).status).toBe(200);
    expect((await hall.post('/api/v1/tickets', { queueId: 'real-estate', terminalId: 'k1', idNumber: CARD })).status).toBe(409);

    const serviceDate = () => '2026-11-27';
    // The card hash of the 26th, the link to that ticket's page and the first answer kept for its request.
    expect(await createHallRetention(hall.store, serviceDate, createPrefills(hall.store, 24, () => clock).purgeExpired).purge()).toBe(3);
    expect(await hall.store.all('SELECT DISTINCT service_date FROM request_replies')).toEqual([{ service_date: '2026-11-27' }]);
    expect(await hall.store.all('SELECT service_date FROM ticket_pages')).toEqual([{ service_date: '2026-11-27' }]);
    // 0 or 1 on both engines (PostgreSQL's IS NOT NULL is a boolean).
    expect(
      await hall.store.all(
        'SELECT service_date, CASE WHEN id_hash IS NOT NULL THEN 1 ELSE 0 END AS kept FROM tickets ORDER BY service_date',
      ),
    ).toEqual([
      { service_date: '2026-11-26', kept: 0 },
      { service_date: '2026-11-27', kept: 1 },
    ]);
    expect((await hall.post('/api/v1/tickets', { queueId: 'real-estate', terminalId: 'k1', idNumber: CARD })).status).toBe(409);
  });
});
