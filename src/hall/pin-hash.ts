import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PIN_HASH_MIN_COST } from '../shared/queue.js';

const COST = 2 ** 15;
const BLOCK_SIZE = 8;
const KEY_LENGTH = 32;

function derive(pin: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEY_LENGTH, { ...options, maxmem: 256 * options.N! * options.r! }, (error, key) => (error ? reject(error) : resolve(key))),
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

/** Whether a PIN matches its stored hash; with no hash (an unknown clerk) it takes as long and says no. */
export async function pinMatches(stored: string | undefined, pin: string): Promise<boolean> {
  const [, n, r, p, salt, key] = (stored ?? `scrypt$${PIN_HASH_MIN_COST}$${BLOCK_SIZE}$1$$`).split('$');
  const expected = Buffer.from(key!, 'base64');
  const actual = await derive(pin, Buffer.from(salt!, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return stored !== undefined && expected.length === actual.length && timingSafeEqual(expected, actual);
}
