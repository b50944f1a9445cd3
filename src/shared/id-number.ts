/**
 * Resident identity numbers (GB 11643-1999): check digit, the old 15-digit form, what the number
 * itself says about its holder, and the one masking rule used on every screen, ticket and log.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits. */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('the first 17 characters of an ID number must be digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type IdNumberProblem = 'format' | 'birth-date' | 'check-digit';

/** Why an 18-character number is not a valid ID number, or null when it is. Lowercase x is accepted. */
export function idNumberProblem(value: string): IdNumberProblem | null {
  const id = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!isCalendarDate(id.slice(6, 14))) return 'birth-date';
  return idCheckDigit(id.slice(0, 17)) === id[17] ? null : 'check-digit';
}

export function isValidIdNumber(value: string): boolean {
  return idNumberProblem(value) === null;
}

/** The 2017 foreign permanent residence card's number: its country's three letters and twelve digits. */
export const FOREIGN_RESIDENCE_2017_NUMBER = /^[A-Z]{3}\d{12}$/;

/** A number the hall may be given from a card read: 18 characters (resident, 2023 foreigner, HK/Macao/Taiwan permit) or the 2017 foreign form. */
export const CARD_NUMBER = /^(\d{17}[\dXx]|[A-Z]{3}\d{12})$/;

/** The 15-digit numbers of first-generation cards: "19" goes before the two-digit year, and a check digit at the end. */
export function upgradeIdNumber15(old: string): string {
  if (!/^\d{15}$/.test(old)) throw new Error('a first-generation ID number has 15 digits');
  const first17 = `${old.slice(0, 6)}19${old.slice(6)}`;
  return first17 + idCheckDigit(first17);
}

/** `YYYY-MM-DD` from an 18-digit number. */
export function birthDateFromIdNumber(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** GB/T 2261.1 sex code from the 17th digit: odd is male (1), even female (2). */
export function sexCodeFromIdNumber(id: string): '1' | '2' {
  return Number(id[16]) % 2 === 1 ? '1' : '2';
}

/** `430602********1234`: the first six and last four characters, the rest starred. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

/** `张*` and `欧阳**锋`-style masking for names shown where others can see: first character, stars, and the last of three or more. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars.at(-1);
}

export function isCalendarDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1800 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
