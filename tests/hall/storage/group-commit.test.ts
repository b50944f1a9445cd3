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

describe.each(HALL_ENGINES)('writes sent with the next query, on %s', (engine) => {
  it('are seen by the change’s own reads, and one that fails refuses its change alone, in a batch or alone', async () => {
    const { store } = await openStore(engine);
    await store.run(`INSERT INTO ticket_counters (queue_id, service_date, last_number) VALUES ('taken', '2026-12-03', 0)`);
    const add = (queueId: string) =>
      store.write('INSERT INTO ticket_counters (queue_id, service_date, last_number) VALUES (?, ?, ?)', queueId, '2026-12-03', 1);
    const outcomes = await Promise.allSettled([
      store.transaction(async () => {
        await add('a');
        return (await store.get<{ n: number }>("SELECT count(*) AS n FROM ticket_counters WHERE queue_id = 'a'"))!.n;
      }),
      // The key is taken: this change fails when its write goes, with the change's end.
      store.transaction(() => add('taken')),
      // Refused before anything of it was sent: the change before it in the batch stays.
      store.transaction(async () => {
        await add('never');
        throw new ApiError('REFUSED', '未发出即拒绝 / refused before it was sent');
      }),
      store.transaction(() => add('b')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(outcomes[0]).toMatchObject({ value: 1 });
    // Alone in its transaction, the failing write goes with the commit: the change is refused, nothing of it stays.
    await expect(store.transaction(() => add('taken'))).rejects.toThrow();
    const rows = await store.all<{ queue_id: string }>('SELECT queue_id FROM ticket_counters ORDER BY queue_id');
    expect(rows.map((row) => row.queue_id)).toEqual(['a', 'b', 'taken']);
  });
});

describe.each(HALL_ENGINES)('a consistent read, on %s', (engine) => {
  it('sees one committed state throughout, and on PostgreSQL does not wait for a change holding the lock', async () => {
    const { store } = await openStore(engine);
    await store.run(`INSERT INTO ticket_counters (queue_id, service_date, last_number) VALUES ('q', '2026-12-03', 0)`);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let changed!: () => void;
    const changing = new Promise<void>((resolve) => (changed = resolve));
    const change = store.transaction(async () => {
      await store.run(`UPDATE ticket_counters SET last_number = 1 WHERE queue_id = 'q'`);
      changed();
      await held;
    });
    await changing;
    const read = store.read(async () => {
      const first = await store.get<{ last_number: number }>(`SELECT last_number FROM ticket_counters WHERE queue_id = 'q'`);
      release();
      // On SQLite the change commits behind this read: waiting for it here would wait for ever.
      if (engine === 'postgresql') await change;
      const again = await store.get<{ last_number: number }>(`SELECT last_number FROM ticket_counters WHERE queue_id = 'q'`);
      return [first!.last_number, again!.last_number];
    });
    if (engine === 'postgresql') {
      // Before the change committed, and still the same after it did.
      expect(await read).toEqual([0, 0]);
    } else {
      // Queued behind the change, as a transaction is.
      release();
      expect(await read).toEqual([1, 1]);
    }
    // A read takes no lock on PostgreSQL, so it may not write.
    if (engine === 'postgresql') await expect(store.read(() => store.transaction(async () => undefined))).rejects.toThrow(/a read/);
  });
});
