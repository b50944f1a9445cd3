import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const COST = 2 ** 15;
const BLOCK_SIZE = 8;
const KEY_LENGTH = 32;

function derive(pin: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEY_LENGTH, { ...options, maxmem: 256 * options.N! * options.r! }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/**
 * A clerk's PIN as the hall config keeps it: scrypt (about 50–100 ms a try, 32 MB), so that a copied
 * config costs an attacker that much per guess. It runs on libuv's pool, never on the hall's event loop.
 */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, { N: COST, r: BLOCK_SIZE, p: 1 });
  return `scrypt$${COST}$${BLOCK_SIZE}$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether a PIN matches its stored hash. */
export async function pinMatches(stored: string, pin: string): Promise<boolean> {
  const [, n, r, p, salt, key] = stored.split('$');
  const expected = Buffer.from(key!, 'base64');
  const actual = await derive(pin, Buffer.from(salt!, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The cost parameters of a stored hash: `N$r$p`. */
const parametersOf = (stored: string) => stored.split('$').slice(1, 4).join('$');

/**
 * Checks a PIN against a clerk's hash, or, for an id or card that is no clerk's, against a stand-in
 * hash with the parameters most clerks' hashes have: the same scrypt work either way, so how long an
 * answer takes does not tell whether a clerk id exists.
 */
export function createPinChecker(pinHashes: readonly string[]) {
  const counts = new Map<string, number>();
  for (const stored of pinHashes) counts.set(parametersOf(stored), (counts.get(parametersOf(stored)) ?? 0) + 1);
  const parameters = [...counts].reduce<[string, number]>(
    (best, entry) => (entry[1] > best[1] ? entry : best),
    [`${COST}$${BLOCK_SIZE}$1`, 0],
  )[0];
  const standIn = `scrypt$${parameters}$${randomBytes(16).toString('base64')}$${randomBytes(KEY_LENGTH).toString('base64')}`;
  return async (stored: string | undefined, pin: string): Promise<boolean> => {
    const matched = await pinMatches(stored ?? standIn, pin);
    return stored !== undefined && matched;
  };
}
