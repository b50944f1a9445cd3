import { ApiError } from '../shared/errors.js';
import { localDateTime } from '../shared/local-date.js';
import type { HallStore } from './storage/store.js';

export const LOGIN_TRIES = 5;
const LOCK_MS = 5 * 60_000;

/**
 * Counts clerk login tries per window and per clerk (an unknown id or card counts as one too), in the
 * hall's database, so that every server of a hall counts the same tries: with two servers a guesser still
 * has five. A try is counted when it starts, in a transaction of its own under the hall's lock, before its
 * PIN is hashed, so however many arrive at once, at any server, at most five are ever checked before the
 * lock; a login that succeeds clears its window and clerk.
 */
export function createLoginGuard(store: HallStore, timeZone: string, now: () => Date) {
  return {
    /** Counts a try for these keys, or refuses it while any of them is locked. Returns the tries left after this one. */
    begin(keys: readonly string[]): Promise<number> {
      return store.transaction(async () => {
        const at = now().getTime();
        await store.run('DELETE FROM login_tries WHERE until_ms <= ?', at);
        const rows = await Promise.all(
          keys.map((key) => store.get<{ tries: number; until_ms: number }>('SELECT tries, until_ms FROM login_tries WHERE key = ?', key)),
        );
        const locked = rows.filter((row): row is { tries: number; until_ms: number } => row !== undefined && row.tries >= LOGIN_TRIES);
        if (locked.length) {
          const until = new Date(Math.max(...locked.map((row) => row.until_ms)));
          const minutes = Math.max(1, Math.ceil((until.getTime() - at) / 60_000));
          const clock = localDateTime(until, timeZone).slice(11);
          throw new ApiError(
            'LOGIN_LOCKED',
            `密码错误次数过多，登录已锁定，请于 ${clock} 后（约 ${minutes} 分钟）再试 / too many wrong PINs: login is locked until ${clock} (about ${minutes} min)`,
          );
        }
        let highest = 0;
        for (const [index, key] of keys.entries()) {
          const count = (rows[index]?.tries ?? 0) + 1;
          await store.run(
            'INSERT INTO login_tries (key, tries, until_ms) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET tries = excluded.tries, until_ms = excluded.until_ms',
            key,
            count,
            at + LOCK_MS,
          );
          highest = Math.max(highest, count);
        }
        return LOGIN_TRIES - highest;
      });
    },
    /** Inside the login's transaction. */
    async succeeded(keys: readonly string[]): Promise<void> {
      for (const key of keys) await store.run('DELETE FROM login_tries WHERE key = ?', key);
    },
  };
}

export type LoginGuard = ReturnType<typeof createLoginGuard>;

/** The refusal of a wrong PIN or password ("中文 / English"), with the tries left or the lock that follows. */
export function wrongTry(wrong: string, triesLeft: number): ApiError {
  const [zh, en] = wrong.split(' / ');
  return new ApiError(
    'REFUSED',
    triesLeft > 0
      ? `${zh}，还可再试 ${triesLeft} 次 / ${en}: ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left`
      : `${zh}；错误次数过多，登录已锁定 5 分钟 / ${en}: too many wrong tries, login is locked for 5 minutes`,
  );
}
