import type { Migration } from '../../storage/sqlite.js';
import { CALL_AND_WAITING_INDEXES, SERVED_INDEX } from './migrations.js';

/**
 * The hall's schema on PostgreSQL: the tables SQLite reaches through `migrations.ts` (up to its version 14),
 * in one step, as PostgreSQL halls start from nothing. Times are ISO-8601 text and flags 0/1, as on SQLite,
 * so the services' SQL is one for both. A change to the schema is a migration here and one there.
 */
export const POSTGRES_HALL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'the hall schema',
    sql: `
      CREATE TABLE ticket_counters (
        queue_id     TEXT NOT NULL,
        service_date TEXT NOT NULL,
        last_number  INTEGER NOT NULL,
        PRIMARY KEY (queue_id, service_date)
      );
      CREATE TABLE tickets (
        id              TEXT PRIMARY KEY,
        queue_id        TEXT NOT NULL,
        service_date    TEXT NOT NULL,
        sequence        INTEGER NOT NULL,
        ticket_number   TEXT NOT NULL,
        issued_at       TEXT NOT NULL,
        terminal_id     TEXT NOT NULL,
        state           TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'called', 'parked', 'served', 'no_show', 'cancelled')),
        priority        INTEGER NOT NULL DEFAULT 0,
        line_at         TEXT NOT NULL,
        origin_queue    TEXT NOT NULL,
        target_window   INTEGER,
        window_number   INTEGER,
        called_at       TEXT,
        recalls         INTEGER NOT NULL DEFAULT 0,
        finished_at     TEXT,
        service_codes   TEXT,
        id_hash         TEXT,
        priority_reason TEXT,
        clerk_id        TEXT,
        arrival         BIGINT NOT NULL,
        UNIQUE (origin_queue, service_date, sequence)
      );
      CREATE INDEX tickets_window ON tickets (service_date, window_number, state);
      CREATE INDEX tickets_id_hash ON tickets (service_date, id_hash);
      CREATE INDEX tickets_line ON tickets (service_date, queue_id, state, priority, line_at, arrival);
      CREATE UNIQUE INDEX tickets_arrival ON tickets (arrival);
      CREATE INDEX tickets_number ON tickets (service_date, ticket_number);
      CREATE TABLE window_state (
        window_number INTEGER PRIMARY KEY,
        paused        INTEGER NOT NULL DEFAULT 0,
        updated_at    TEXT NOT NULL,
        clerk_id      TEXT
      );
      CREATE TABLE hall_events (
        seq       BIGINT PRIMARY KEY,
        at        TEXT NOT NULL,
        type      TEXT NOT NULL,
        payload   TEXT NOT NULL,
        actor     TEXT NOT NULL DEFAULT '',
        prev_hash TEXT,
        hash      TEXT
      );
      CREATE INDEX hall_events_type ON hall_events (type, seq);
      CREATE INDEX hall_events_at ON hall_events (at);
      CREATE TABLE hall_event_notes (
        seq       BIGINT PRIMARY KEY REFERENCES hall_events (seq),
        ticket_id TEXT NOT NULL,
        note      TEXT NOT NULL
      );
      CREATE INDEX hall_event_notes_ticket ON hall_event_notes (ticket_id);
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
      );
      CREATE INDEX evaluations_date ON evaluations (service_date, follow_up);
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
      );
      CREATE INDEX appointments_id ON appointments (day, id_hash);
      CREATE TABLE prefills (
        code        TEXT PRIMARY KEY,
        application TEXT,
        terminal_id TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        expires_at  TEXT NOT NULL,
        opened_at   TEXT,
        opened_by   TEXT
      );
      CREATE INDEX prefills_expiry ON prefills (expires_at);
      CREATE TABLE terminals (
        id                TEXT PRIMARY KEY,
        role              TEXT NOT NULL,
        "window"          INTEGER,
        token_sha256      TEXT UNIQUE,
        next_token_sha256 TEXT UNIQUE,
        enrolled_at       TEXT NOT NULL,
        rotated_at        TEXT,
        revoked_at        TEXT
      );
      CREATE TABLE enrolment_codes (
        code_sha256 TEXT PRIMARY KEY,
        terminal_id TEXT NOT NULL,
        role        TEXT NOT NULL,
        "window"    INTEGER,
        created_at  TEXT NOT NULL,
        expires_at  TEXT NOT NULL
      );
      CREATE TABLE ticket_pages (
        token_sha256 TEXT PRIMARY KEY,
        ticket_id    TEXT NOT NULL UNIQUE REFERENCES tickets (id),
        service_date TEXT NOT NULL
      );
      CREATE INDEX ticket_pages_day ON ticket_pages (service_date);
      CREATE TABLE request_replies (
        terminal_id  TEXT NOT NULL,
        key          TEXT NOT NULL,
        body_sha256  TEXT NOT NULL,
        response     TEXT NOT NULL,
        service_date TEXT NOT NULL,
        PRIMARY KEY (terminal_id, key)
      );
      CREATE INDEX request_replies_day ON request_replies (service_date);
    `,
  },
  {
    version: 2,
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
      );
      CREATE INDEX ticket_leases_terminal ON ticket_leases (terminal_id, queue_id, service_date);
    `,
  },
  {
    version: 3,
    name: 'clerk login tries counted in the database, for every server of the hall',
    sql: `
      CREATE TABLE login_tries (
        key      TEXT PRIMARY KEY,
        tries    INTEGER NOT NULL,
        until_ms BIGINT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'indexes for the calls of a window and the waiting of a queue',
    sql: CALL_AND_WAITING_INDEXES,
  },
  {
    version: 5,
    name: 'the last served of a queue from the index',
    sql: SERVED_INDEX,
  },
  {
    version: 6,
    name: "the console's manager sessions, shared by every server of the hall",
    sql: `
      CREATE TABLE manager_sessions (
        token_hash TEXT PRIMARY KEY,
        manager_id TEXT NOT NULL,
        started_ms BIGINT NOT NULL,
        expires_ms BIGINT NOT NULL,
        ends_ms    BIGINT NOT NULL
      );
    `,
  },
  {
    version: 7,
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
      );
      CREATE TABLE alerts (
        id              TEXT PRIMARY KEY,
        rule_id         TEXT NOT NULL,
        kind            TEXT NOT NULL,
        subject         TEXT NOT NULL,
        subject_name    TEXT NOT NULL,
        value           DOUBLE PRECISION NOT NULL,
        threshold       INTEGER NOT NULL,
        raised_at       TEXT NOT NULL,
        cleared_at      TEXT,
        acknowledged_at TEXT,
        acknowledged_by TEXT
      );
      CREATE INDEX alerts_raised ON alerts (raised_at);
    `,
  },
  {
    version: 8,
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
      );
      CREATE INDEX follow_up_orders_stage ON follow_up_orders (stage, opened_at);
      CREATE TABLE follow_up_steps (
        id             TEXT PRIMARY KEY,
        order_id       TEXT NOT NULL REFERENCES follow_up_orders (id),
        action         TEXT NOT NULL,
        note           TEXT NOT NULL,
        revisit_result TEXT,
        manager_id     TEXT NOT NULL,
        at             TEXT NOT NULL
      );
      CREATE INDEX follow_up_steps_order ON follow_up_steps (order_id, at);
      CREATE TABLE working_day_overrides (
        date    TEXT PRIMARY KEY,
        working INTEGER NOT NULL,
        note    TEXT NOT NULL,
        set_by  TEXT NOT NULL,
        set_at  TEXT NOT NULL
      );
    `,
  },
  {
    version: 9,
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
      );
    `,
  },
  {
    version: 10,
    name: "each terminal's devices as it last reported them",
    sql: `
      CREATE TABLE terminal_devices (
        terminal_id TEXT PRIMARY KEY,
        reported_at TEXT NOT NULL,
        devices     TEXT NOT NULL
      );
    `,
  },
  {
    version: 11,
    name: "the statistics' settled days, counted once",
    sql: `
      CREATE TABLE stats_days (
        day        TEXT PRIMARY KEY,
        tallies    TEXT NOT NULL,
        counted_at TEXT NOT NULL
      );
    `,
  },
];
