import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/shared/errors.js';
import { HALL_ENGINES, useHallStores } from '../../helpers/hall-store.js';

const openStore = useHallStores();

describe.each(HALL_ENGINES)('the hall store on %s, with changes arriving together', (engine) => {
  it('commits them in few transactions, undoes only the one refused, and answers each only once it is durable', async () => {
    const { store, location } = await openStore(engine, { durable: true });
    await store.run(`INSERT INTO ticket_counters (queue_id, service_date, last_number) VALUES ('q', '2026-12-03', 0)`);
    const order: string[] = [];
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        store
          .transaction(async () => {
            const row = await store.get<{ last_number: number }>(
              `UPDATE ticket_counters SET last_number = last_number + 1 WHERE queue_id = 'q' RETURNING last_number`,
            );
            order.push('ran');
            if (i === 17) throw new ApiError('REFUSED', '这一次被拒绝 / this one is refused');
            return row!.last_number;
          })
          .then((number) => {
            order.push('answered');
            return number;
          }),
      ),
    );
    const numbers = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(1);
    // The refused change took a number and gave it back: the 59 others have 1…59, each once.
    expect(new Set(numbers).size).toBe(59);
    expect(Math.max(...numbers)).toBe(59);
    // Another connection (another hall server, or the same after a crash) sees every answered change.
    const seen = await openStore(engine, { reuse: location });
    expect(
      (await seen.store.get<{ last_number: number }>(`SELECT last_number FROM ticket_counters WHERE queue_id = 'q'`))?.last_number,
    ).toBe(59);
    // One commit for the 59: every change had run before the first was answered (one by one, each is answered before the next runs).
    expect(order.indexOf('answered')).toBe(60);
  });
});
