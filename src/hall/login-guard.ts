import { ApiError } from '../shared/errors.js';
import { localDateTime } from '../shared/local-date.js';

export const LOGIN_TRIES = 5;
const LOCK_MS = 5 * 60_000;

interface Tries {
  count: number;
  /** When these tries are forgotten: five minutes after the last. */
  until: number;
}

/**
 * Counts clerk login tries per window and per clerk (an unknown id or card counts as one too), in
 * memory. A try is counted when it starts, before its PIN is hashed, so however many arrive at once,
 * at most five are ever checked before the lock; a login that succeeds clears its window and clerk.
 */
export function createLoginGuard(timeZone: string, now: () => Date) {
  const tries = new Map<string, Tries>();

  function forgetExpired(at: number): void {
    for (const [key, entry] of tries) if (entry.until <= at) tries.delete(key);
  }

  return {
    /** Counts a try for these keys, or refuses it while any of them is locked. Returns the tries left after this one. */
    begin(keys: readonly string[]): number {
      const at = now().getTime();
      forgetExpired(at);
      const locked = keys.map((key) => tries.get(key)).filter((entry): entry is Tries => entry !== undefined && entry.count >= LOGIN_TRIES);
      if (locked.length) {
        const until = new Date(Math.max(...locked.map((entry) => entry.until)));
        const minutes = Math.max(1, Math.ceil((until.getTime() - at) / 60_000));
        const clock = localDateTime(until, timeZone).slice(11);
        throw new ApiError(
          'LOGIN_LOCKED',
          `密码错误次数过多，登录已锁定，请于 ${clock} 后（约 ${minutes} 分钟）再试 / too many wrong PINs: login is locked until ${clock} (about ${minutes} min)`,
        );
      }
      let highest = 0;
      for (const key of keys) {
        const count = (tries.get(key)?.count ?? 0) + 1;
        tries.set(key, { count, until: at + LOCK_MS });
        highest = Math.max(highest, count);
      }
      return LOGIN_TRIES - highest;
    },
    succeeded(keys: readonly string[]): void {
      for (const key of keys) tries.delete(key);
    },
  };
}

export type LoginGuard = ReturnType<typeof createLoginGuard>;
