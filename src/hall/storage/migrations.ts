import type { Migration } from '../../storage/sqlite.js';

export const HALL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ticket numbering',
    sql: `
      CREATE TABLE ticket_counters (
        queue_id     TEXT NOT NULL,
        service_date TEXT NOT NULL,
        last_number  INTEGER NOT NULL,
        PRIMARY KEY (queue_id, service_date)
      ) STRICT;
      CREATE TABLE tickets (
        id            TEXT PRIMARY KEY,
        queue_id      TEXT NOT NULL,
        service_date  TEXT NOT NULL,
        sequence      INTEGER NOT NULL,
        ticket_number TEXT NOT NULL,
        issued_at     TEXT NOT NULL,
        terminal_id   TEXT NOT NULL,
        state         TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'called', 'served', 'no_show', 'cancelled')),
        UNIQUE (queue_id, service_date, sequence)
      ) STRICT;
      CREATE INDEX tickets_waiting ON tickets (service_date, queue_id, state, sequence);
    `,
  },
];
