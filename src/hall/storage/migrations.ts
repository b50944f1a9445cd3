import type { Migration } from '../../storage/sqlite.js';

/**
 * Which queues a window called from today (its weighted turn), and who waits per queue (the snapshot), read
 * from the index alone: without them a busy day's window reads every ticket it ever called, on each call.
 * The same on both engines (`postgres-migrations.ts`).
 */
export const CALL_AND_WAITING_INDEXES = `
  CREATE INDEX tickets_window_calls ON tickets (service_date, window_number, queue_id, called_at);
  CREATE INDEX tickets_state ON tickets (service_date, state, queue_id);
`;

/** A queue's last served, for its waiting-time estimate, walked from the newest instead of sorting the day's. */
export const SERVED_INDEX = `
  DROP INDEX tickets_state;
  CREATE INDEX tickets_state ON tickets (service_date, state, queue_id, finished_at);
`;

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
  {
    version: 2,
    name: 'calling, windows and the event log',
    sql: `
      CREATE TABLE tickets_v2 (
        id            TEXT PRIMARY KEY,
        queue_id      TEXT NOT NULL,
        service_date  TEXT NOT NULL,
        sequence      INTEGER NOT NULL,
        ticket_number TEXT NOT NULL,
        issued_at     TEXT NOT NULL,
        terminal_id   TEXT NOT NULL,
        state         TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'called', 'parked', 'served', 'no_show', 'cancelled')),
        priority      INTEGER NOT NULL DEFAULT 0,
        line_at       TEXT NOT NULL,
        origin_queue  TEXT NOT NULL,
        target_window INTEGER,
        window_number INTEGER,
        called_at     TEXT,
        recalls       INTEGER NOT NULL DEFAULT 0,
        finished_at   TEXT,
        service_codes TEXT,
        UNIQUE (origin_queue, service_date, sequence)
      ) STRICT;
      INSERT INTO tickets_v2 (id, queue_id, service_date, sequence, ticket_number, issued_at, terminal_id, state, line_at, origin_queue)
        SELECT id, queue_id, service_date, sequence, ticket_number, issued_at, terminal_id, state, issued_at, queue_id FROM tickets;
      DROP TABLE tickets;
      ALTER TABLE tickets_v2 RENAME TO tickets;
      CREATE INDEX tickets_waiting ON tickets (service_date, queue_id, state, line_at);
      CREATE INDEX tickets_window ON tickets (service_date, window_number, state);
      CREATE TABLE window_state (
        window_number INTEGER PRIMARY KEY,
        paused        INTEGER NOT NULL DEFAULT 0,
        updated_at    TEXT NOT NULL
      ) STRICT;
      CREATE TABLE hall_events (
        seq     INTEGER PRIMARY KEY AUTOINCREMENT,
        at      TEXT NOT NULL,
        type    TEXT NOT NULL,
        payload TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 3,
    name: 'ID-card ticketing and who did what',
    sql: `
      ALTER TABLE tickets ADD COLUMN id_hash TEXT;
      ALTER TABLE tickets ADD COLUMN priority_reason TEXT;
      CREATE INDEX tickets_id_hash ON tickets (service_date, id_hash);
      ALTER TABLE hall_events ADD COLUMN actor TEXT NOT NULL DEFAULT '';
    `,
  },
  {
    version: 4,
    name: 'evaluations',
    sql: `
      CREATE TABLE evaluations (
        id            TEXT PRIMARY KEY,
        ticket_id     TEXT NOT NULL UNIQUE REFERENCES tickets (id),
        service_date  TEXT NOT NULL,
        window_number INTEGER,
        at            TEXT NOT NULL,
        level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
        reasons       TEXT NOT NULL,
        text          TEXT,
        channel       TEXT NOT NULL,
        follow_up     INTEGER NOT NULL,
        actor         TEXT NOT NULL
      ) STRICT;
      CREATE INDEX evaluations_date ON evaluations (service_date, follow_up);
    `,
  },
  {
    version: 5,
    name: 'index for the head of each line',
    sql: `CREATE INDEX tickets_line ON tickets (service_date, queue_id, state, priority, line_at);`,
  },
  {
    version: 6,
    name: 'appointments',
    sql: `
      CREATE TABLE appointments (
        code       TEXT PRIMARY KEY,
        queue_id   TEXT NOT NULL,
        day        TEXT NOT NULL,
        slot_from  TEXT NOT NULL,
        slot_to    TEXT NOT NULL,
        id_hash    TEXT,
        state      TEXT NOT NULL DEFAULT 'booked' CHECK (state IN ('booked', 'checked_in', 'cancelled')),
        ticket_id  TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX appointments_id ON appointments (day, id_hash);
    `,
  },
  {
    version: 7,
    name: 'clerks at windows',
    sql: `
      ALTER TABLE window_state ADD COLUMN clerk_id TEXT;
      ALTER TABLE tickets ADD COLUMN clerk_id TEXT;
    `,
  },
  {
    version: 8,
    name: 'pre-fill codes',
    sql: `
      CREATE TABLE prefills (
        code        TEXT PRIMARY KEY,
        application TEXT,
        terminal_id TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        expires_at  TEXT NOT NULL,
        opened_at   TEXT,
        opened_by   TEXT
      ) STRICT;
      CREATE INDEX prefills_expiry ON prefills (expires_at);
    `,
  },
  {
    version: 9,
    name: 'terminal registry',
    sql: `
      CREATE TABLE terminals (
        id                TEXT PRIMARY KEY,
        role              TEXT NOT NULL,
        window            INTEGER,
        token_sha256      TEXT UNIQUE,
        next_token_sha256 TEXT UNIQUE,
        enrolled_at       TEXT NOT NULL,
        rotated_at        TEXT,
        revoked_at        TEXT
      ) STRICT;
      CREATE TABLE enrolment_codes (
        code_sha256 TEXT PRIMARY KEY,
        terminal_id TEXT NOT NULL,
        role        TEXT NOT NULL,
        window      INTEGER,
        created_at  TEXT NOT NULL,
        expires_at  TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 10,
    name: 'hall events in a hash chain',
    sql: `
      ALTER TABLE hall_events ADD COLUMN prev_hash TEXT;
      ALTER TABLE hall_events ADD COLUMN hash TEXT;
    `,
  },
  {
    version: 11,
    name: "tickets' public pages",
    // The link's secret is kept as its SHA-256 only: a copied database opens no ticket's page.
    sql: `
      CREATE TABLE ticket_pages (
        token_sha256 TEXT PRIMARY KEY,
        ticket_id    TEXT NOT NULL UNIQUE REFERENCES tickets (id),
        service_date TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ticket_pages_day ON ticket_pages (service_date);
    `,
  },
  {
    version: 12,
    name: 'first answers to requests that create something',
    // The body's fingerprint is keyed (bodies carry card numbers); the rows are kept for their service day only.
    sql: `
      CREATE TABLE request_replies (
        terminal_id  TEXT NOT NULL,
        key          TEXT NOT NULL,
        body_sha256  TEXT NOT NULL,
        response     TEXT NOT NULL,
        service_date TEXT NOT NULL,
        PRIMARY KEY (terminal_id, key)
      ) STRICT;
      CREATE INDEX request_replies_day ON request_replies (service_date);
    `,
  },
  {
    version: 13,
    name: 'transfer notes outside the event chain',
    // A note may name the applicant: it is kept beside its event, not in the chained payload, so retention can
    // clear it after the ticket's day and the chain still verifies.
    sql: `
      CREATE TABLE hall_event_notes (
        seq       INTEGER PRIMARY KEY REFERENCES hall_events (seq),
        ticket_id TEXT NOT NULL,
        note      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX hall_event_notes_ticket ON hall_event_notes (ticket_id);
    `,
  },
  {
    version: 14,
    name: 'arrival order, the same on both engines',
    // Tickets in line at the same instant go in the order they were issued: SQLite's rowid told it, PostgreSQL has none.
    sql: `
      ALTER TABLE tickets ADD COLUMN arrival INTEGER;
      UPDATE tickets SET arrival = rowid;
      DROP INDEX tickets_line;
      CREATE INDEX tickets_line ON tickets (service_date, queue_id, state, priority, line_at, arrival);
      CREATE UNIQUE INDEX tickets_arrival ON tickets (arrival);
      CREATE INDEX tickets_number ON tickets (service_date, ticket_number);
      CREATE INDEX hall_events_type ON hall_events (type, seq);
      CREATE INDEX hall_events_at ON hall_events (at);
    `,
  },
  {
    version: 15,
    name: 'numbers leased to kiosks for an outage',
    // leased_from: the lowest number of the day leased from the top of its range (null: none); online numbers stay below it.
    sql: `
      ALTER TABLE ticket_counters ADD COLUMN leased_from INTEGER;
      ALTER TABLE tickets ADD COLUMN lease_id TEXT;
      CREATE TABLE ticket_leases (
        id           TEXT PRIMARY KEY,
        terminal_id  TEXT NOT NULL,
        queue_id     TEXT NOT NULL,
        service_date TEXT NOT NULL,
        first_number INTEGER NOT NULL,
        last_number  INTEGER NOT NULL,
        granted_at   TEXT NOT NULL,
        expires_at   TEXT NOT NULL,
        returned_at  TEXT,
        used_up_to   INTEGER
      ) STRICT;
      CREATE INDEX ticket_leases_terminal ON ticket_leases (terminal_id, queue_id, service_date);
    `,
  },
  {
    version: 16,
    name: 'clerk login tries counted in the database, for every server of the hall',
    sql: `
      CREATE TABLE login_tries (
        key      TEXT PRIMARY KEY,
        tries    INTEGER NOT NULL,
        until_ms INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 17,
    name: 'indexes for the calls of a window and the waiting of a queue',
    sql: CALL_AND_WAITING_INDEXES,
  },
  {
    version: 18,
    name: 'the last served of a queue from the index',
    sql: SERVED_INDEX,
  },
  {
    version: 19,
    name: "the console's manager sessions, shared by every server of the hall",
    sql: `
      CREATE TABLE manager_sessions (
        token_hash TEXT PRIMARY KEY,
        manager_id TEXT NOT NULL,
        started_ms INTEGER NOT NULL,
        expires_ms INTEGER NOT NULL,
        ends_ms    INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 20,
    name: "the console's alert rules and the alerts they raised",
    sql: `
      CREATE TABLE alert_rules (
        id         TEXT PRIMARY KEY,
        kind       TEXT NOT NULL,
        threshold  INTEGER NOT NULL,
        queue_id   TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        removed_at TEXT
      ) STRICT;
      CREATE TABLE alerts (
        id              TEXT PRIMARY KEY,
        rule_id         TEXT NOT NULL,
        kind            TEXT NOT NULL,
        subject         TEXT NOT NULL,
        subject_name    TEXT NOT NULL,
        value           REAL NOT NULL,
        threshold       INTEGER NOT NULL,
        raised_at       TEXT NOT NULL,
        cleared_at      TEXT,
        acknowledged_at TEXT,
        acknowledged_by TEXT
      ) STRICT;
      CREATE INDEX alerts_raised ON alerts (raised_at);
    `,
  },
  {
    version: 21,
    name: "差评 work orders and their steps, and the manager's working-day changes",
    sql: `
      CREATE TABLE follow_up_orders (
        id            TEXT PRIMARY KEY,
        evaluation_id TEXT NOT NULL UNIQUE REFERENCES evaluations (id),
        opened_at     TEXT NOT NULL,
        opened_date   TEXT NOT NULL,
        working_days  INTEGER NOT NULL,
        stage         TEXT NOT NULL,
        outcome       TEXT,
        contact       TEXT,
        closed_at     TEXT
      ) STRICT;
      CREATE INDEX follow_up_orders_stage ON follow_up_orders (stage, opened_at);
      CREATE TABLE follow_up_steps (
        id             TEXT PRIMARY KEY,
        order_id       TEXT NOT NULL REFERENCES follow_up_orders (id),
        action         TEXT NOT NULL,
        note           TEXT NOT NULL,
        revisit_result TEXT,
        manager_id     TEXT NOT NULL,
        at             TEXT NOT NULL
      ) STRICT;
      CREATE INDEX follow_up_steps_order ON follow_up_steps (order_id, at);
      CREATE TABLE working_day_overrides (
        date    TEXT PRIMARY KEY,
        working INTEGER NOT NULL,
        note    TEXT NOT NULL,
        set_by  TEXT NOT NULL,
        set_at  TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 22,
    name: "the hall's settings as managers change them on the console, every version kept",
    sql: `
      CREATE TABLE hall_settings (
        version     INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        source      TEXT NOT NULL,
        manager_id  TEXT,
        undoes      INTEGER,
        file_sha256 TEXT NOT NULL,
        settings    TEXT NOT NULL,
        changes     TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 23,
    name: "each terminal's devices as it last reported them",
    sql: `
      CREATE TABLE terminal_devices (
        terminal_id TEXT PRIMARY KEY,
        reported_at TEXT NOT NULL,
        devices     TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 24,
    name: "the statistics' settled days, counted once",
    sql: `
      CREATE TABLE stats_days (
        day        TEXT PRIMARY KEY,
        tallies    TEXT NOT NULL,
        counted_at TEXT NOT NULL
      ) STRICT;
    `,
  },
];
