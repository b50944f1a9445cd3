import type { Sealer } from '../storage/sealer.js';
import type { Db } from '../storage/sqlite.js';
import type { HallClient } from './hall-client.js';

export const CREDENTIALS_MIGRATION = {
  name: 'credentials',
  sql: `CREATE TABLE credentials (name TEXT PRIMARY KEY, value TEXT NOT NULL, saved_at TEXT NOT NULL) STRICT;`,
};

const HALL_TOKEN = 'hall.token';
const WHAT = '大厅令牌 / hall token';

/**
 * The token this terminal shows the hall. One enrolled with a code (`npm run terminal:enrol`) lives in
 * the terminal's database, sealed (never in clear on disk), and is rotated when it is older than
 * `rotateDays`; a token written into the config file by hand is used as it is, until the terminal is enrolled.
 */
export function createHallCredentials(db: Db, configToken: string | undefined, sealer: Sealer, now: () => Date = () => new Date()) {
  const read = db.prepare<[string], { value: string; saved_at: string }>('SELECT value, saved_at FROM credentials WHERE name = ?');
  const write = db.prepare<[string, string, string]>(
    'INSERT INTO credentials (name, value, saved_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at',
  );
  const reseal = db.prepare<[string, string]>('UPDATE credentials SET value = ? WHERE name = ?');
  const stored = read.get(HALL_TOKEN);
  let cached = stored && {
    value: sealer.isSealed(stored.value) ? sealer.unseal(stored.value, WHAT) : stored.value,
    saved_at: stored.saved_at,
  };
  if (stored && cached && !sealer.isCurrent(stored.value)) {
    // A token saved in clear before tokens were sealed (or under an earlier key) is sealed now, keeping
    // its age, so an enrolled terminal goes on working; the old bytes leave the file and its WAL.
    reseal.run(sealer.seal(cached.value), HALL_TOKEN);
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  const save = (token: string) => {
    const savedAt = now().toISOString();
    write.run(HALL_TOKEN, sealer.seal(token), savedAt);
    cached = { value: token, saved_at: savedAt };
  };

  return {
    token: (): string | undefined => cached?.value ?? configToken,
    save,

    /**
     * Rotates an enrolled token once it is `rotateDays` old. The new token is saved before it is used,
     * and the hall retires the old one only at that first use, so a crash in between locks nothing out.
     */
    async rotateIfDue(hall: Pick<HallClient, 'rotateToken' | 'health'>, rotateDays: number): Promise<boolean> {
      if (!cached || now().getTime() - Date.parse(cached.saved_at) < rotateDays * 86_400_000) return false;
      save(await hall.rotateToken());
      await hall.health();
      return true;
    },
  };
}

export type HallCredentials = ReturnType<typeof createHallCredentials>;
