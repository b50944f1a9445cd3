import type { Db } from '../storage/sqlite.js';
import type { HallClient } from './hall-client.js';

export const CREDENTIALS_MIGRATION = {
  name: 'credentials',
  sql: `CREATE TABLE credentials (name TEXT PRIMARY KEY, value TEXT NOT NULL, saved_at TEXT NOT NULL) STRICT;`,
};

const HALL_TOKEN = 'hall.token';

/**
 * The token this terminal shows the hall. One enrolled with a code (`npm run terminal:enrol`) lives in
 * the terminal's database and is rotated when it is older than `rotateDays`; a token written into the
 * config file by hand is used as it is, until the terminal is enrolled.
 */
export function createHallCredentials(db: Db, configToken: string | undefined, now: () => Date = () => new Date()) {
  const read = db.prepare<[string], { value: string; saved_at: string }>('SELECT value, saved_at FROM credentials WHERE name = ?');
  const write = db.prepare<[string, string, string]>(
    'INSERT INTO credentials (name, value, saved_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at',
  );
  let cached = read.get(HALL_TOKEN);
  const save = (token: string) => {
    const savedAt = now().toISOString();
    write.run(HALL_TOKEN, token, savedAt);
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
