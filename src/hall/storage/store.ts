/** What a parameter of a hall query may be: both engines store the hall's values as text and numbers. */
export type SqlValue = string | number | null;

/** A query and the shape of its rows, for `allTogether`. */
export interface Query<Row> {
  sql: string;
  params: SqlValue[];
  /** Never set: it carries the row type. */
  readonly row?: Row;
}

export const query = <Row>(sql: string, ...params: SqlValue[]): Query<Row> => ({ sql, params });

/**
 * Queries in the SQL both engines speak: `?` placeholders, `ON CONFLICT … DO UPDATE … RETURNING`,
 * timestamps as ISO-8601 text and flags as 0/1, so a service is written once for SQLite and PostgreSQL.
 * Inside `HallStore.transaction` they run in that transaction; elsewhere each is on its own.
 */
export interface Sql {
  get<T>(sql: string, ...params: SqlValue[]): Promise<T | undefined>;
  all<T>(sql: string, ...params: SqlValue[]): Promise<T[]>;
  /** How many rows it changed. */
  run(sql: string, ...params: SqlValue[]): Promise<number>;
  /**
   * A write whose count is not needed. Inside a transaction on PostgreSQL it goes with the next query or
   * the change's end, several in one round trip; a write that fails fails the change there, as it would
   * here. Elsewhere, and on SQLite, it runs at once.
   */
  write(sql: string, ...params: SqlValue[]): Promise<void>;
  /**
   * Queries that do not need each other's answers, each one's rows. Inside a transaction on PostgreSQL
   * they go in one round trip with the writes waiting; elsewhere one after another.
   */
  allTogether<T extends unknown[]>(...queries: { [K in keyof T]: Query<T[K]> }): Promise<{ [K in keyof T]: T[K][] }>;
}

export interface StoreHealth {
  engine: 'sqlite' | 'postgresql';
  /** Whether this instance writes to a primary (false: the database is a standby, or unreachable). */
  primary: boolean;
  /** The database's address without its password, or the SQLite file. */
  database: string;
}

/**
 * The hall's storage: one interface, two engines (`sqlite-store.ts` for one-PC halls, `postgres-store.ts`
 * for servers in pairs and county clusters). A transaction holds the hall's write lock for its whole
 * length, so numbering, calling and the chained log each see the last committed state and are never
 * interleaved, on one instance or several; its promise resolves only once the change is durable.
 */
export interface HallStore extends Sql {
  readonly engine: StoreHealth['engine'];
  /** Runs `work` as one transaction; called inside one, `work` joins it. A throw undoes what `work` did. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Runs `work`'s reads on one consistent view of what has committed, so figures read one after another
   * agree with each other and with the log's seq. On PostgreSQL it takes no lock and waits for no change;
   * on SQLite, whose reads are in-process and short, it queues as a transaction does. Called inside a
   * transaction, `work` joins it.
   */
  read<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Inside a transaction: a value the transaction knows (the log's last entry), kept while it holds the
   * hall's lock, so the changes after it need not read it again; a change undone takes its own back.
   * Undefined outside a transaction, and at the start of each.
   */
  known<T>(key: symbol): { get(): T | undefined; set(value: T): void };
  /** Inside a transaction: the listeners of `onCommit`, on every instance, hear of it once it commits. */
  announce(): void;
  /** After a committed transaction that announced — this instance's or, on PostgreSQL, another's. */
  onCommit(listener: () => void): () => void;
  /** Whether a read here may see changes not yet committed: inside a transaction, or on SQLite while a batch is open. */
  inTransaction(): boolean;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
