import { randomInt } from 'node:crypto';

/** Unambiguous on a slip and a keyboard: no 0/O, no 1/I. */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Eight characters a citizen can read out or type: 40 bits, drawn from the OS's random source. */
export function randomCode(): string {
  return Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}
