import { randomInt } from 'node:crypto';

/** Unambiguous on a slip and a keyboard: no 0/O, no 1/I. */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Characters a person can read out or type, drawn from the OS's random source: 5 bits each (eight make 40 bits). */
export function randomCode(length = 8): string {
  return Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}
