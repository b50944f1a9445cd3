import { RpcError } from './rpc/errors.js';

/**
 * The 受理编号 on a receipt: eleven characters a citizen can read out, type at a kiosk or a clerk can key
 * in, made at 受理 on the counter (offline too) from the case id's random bits, so it never needs the
 * platform and two terminals never need to agree on it. Crockford base32 (no I, L, O, U: a misread 1 or
 * 0 is read back right) with a Luhn mod 32 check character, so a mistyped or swapped character is told
 * apart from a number that is simply not on record.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_CHARS = 10;
export const RECEIPT_NUMBER_LENGTH = DATA_CHARS + 1;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function luhnSum(text: string, doubleFirst: boolean): number {
  let sum = 0;
  let double = doubleFirst;
  for (let i = text.length - 1; i >= 0; i--) {
    let addend = ALPHABET.indexOf(text[i]!) * (double ? 2 : 1);
    addend = Math.floor(addend / ALPHABET.length) + (addend % ALPHABET.length);
    sum += addend;
    double = !double;
  }
  return sum % ALPHABET.length;
}

/** The receipt number of a case, from the last 50 random bits of its UUIDv7. */
export function receiptNumberOf(caseId: string): string {
  let bits = BigInt(`0x${caseId.replaceAll('-', '').slice(-13)}`) & ((1n << 50n) - 1n);
  let data = '';
  for (let i = 0; i < DATA_CHARS; i++) {
    data = ALPHABET[Number(bits & 31n)]! + data;
    bits >>= 5n;
  }
  return data + ALPHABET[(ALPHABET.length - luhnSum(data, true)) % ALPHABET.length]!;
}

/** `4K7Q M2XD 9PW`: as printed and shown, in groups a person reads without losing their place. */
export const formatReceiptNumber = (number: string) => `${number.slice(0, 4)} ${number.slice(4, 8)} ${number.slice(8)}`;

/**
 * 查询码: six digits printed on the receipt and carried in its QR. A kiosk finds a case by its 受理编号 or
 * 办件编号 only with it, so numbers cannot be tried one after another (the 办件编号 counts up, and the
 * 受理编号's check character only catches typing errors). Made from 20 random bits of the case id that
 * the 受理编号 does not use (rand_a, and rand_b above the 受理编号's 50 bits), so the counter needs nothing
 * new to print it, offline too, and the platform checks it without keeping it.
 */
export function checkCodeOf(caseId: string): string {
  const hex = caseId.replaceAll('-', '');
  const bits = (parseInt(hex.slice(13, 16), 16) << 8) | parseInt(hex.slice(17, 19), 16);
  return String(bits % 1_000_000).padStart(6, '0');
}
export const CHECK_CODE = /^\d{6}$/;

/** A receipt's QR: its 受理编号 and 查询码 behind our prefix, so a counter's scanner tells it from a pre-fill slip's. */
const CASE_QR_PREFIX = 'onewindow:case:';
export const caseQrText = (receiptNumber: string, checkCode: string) => `${CASE_QR_PREFIX}${receiptNumber}:${checkCode}`;
export const isCaseQr = (text: string) => text.trim().startsWith(CASE_QR_PREFIX);

/** The 查询码 a receipt's QR carries; none in a typed number or a QR printed before receipts had one. */
export function checkCodeInQr(text: string): string | undefined {
  const trimmed = text.normalize('NFKC').trim();
  if (!isCaseQr(trimmed)) return undefined;
  const code = trimmed.slice(CASE_QR_PREFIX.length).split(':')[1];
  return code !== undefined && CHECK_CODE.test(code) ? code : undefined;
}

export type CaseReference = { receiptNumber: string } | { caseNumber: string } | { caseId: string };

export class CaseReferenceError extends Error {}

/** What a person typed or a scanner read, without the receipt's QR prefix, a link around it, spaces or case. */
function bare(text: string): string {
  const trimmed = text.normalize('NFKC').trim();
  const unprefixed = isCaseQr(trimmed) ? trimmed.slice(CASE_QR_PREFIX.length).split(':')[0]! : trimmed;
  if (/^https?:\/\//i.test(unprefixed)) {
    try {
      const url = new URL(unprefixed);
      return url.searchParams.get('case') ?? url.pathname.split('/').filter(Boolean).at(-1) ?? unprefixed;
    } catch {
      return unprefixed;
    }
  }
  return unprefixed;
}

/**
 * The case a receipt names: its 受理编号 (any case, any spacing or hyphens), the platform's 办件编号, or
 * the receipt's QR (the 受理编号, or on receipts printed before it the case id). Throws a
 * CaseReferenceError that says what to do when the text is none of these.
 */
export function parseCaseReference(text: string): CaseReference {
  const value = bare(text);
  if (UUID.test(value)) return { caseId: value.toLowerCase() };
  const compact = value.toUpperCase().replace(/[\s\-_.·]/g, '');
  if (!compact)
    throw new CaseReferenceError(
      '请扫描受理回执上的二维码，或输入回执上的受理编号 / scan the receipt’s QR code or type the receipt number on it',
    );
  if (compact.length === RECEIPT_NUMBER_LENGTH && /^[0-9A-Z]+$/.test(compact)) {
    const read = compact.replace(/[IL]/g, '1').replace(/O/g, '0');
    if (![...read].every((char) => ALPHABET.includes(char)) || luhnSum(read, false) !== 0) {
      throw new CaseReferenceError(
        `受理编号“${formatReceiptNumber(compact)}”有误，请逐个核对回执上的 11 位字母和数字，或扫描回执上的二维码 / the receipt number does not check out: compare it character by character with the receipt, or scan its QR code`,
      );
    }
    return { receiptNumber: read };
  }
  if (/^[0-9A-Z]{12,50}$/.test(compact)) return { caseNumber: compact };
  throw new CaseReferenceError(
    `无法识别“${value.slice(0, 40)}”：请扫描受理回执上的二维码，或输入回执上的受理编号（11 位字母和数字）/ this is not a receipt number: scan the receipt’s QR code or type its 11-character receipt number`,
  );
}

/** parseCaseReference for an RPC handler: what was wrong reaches the person as INVALID_INPUT. */
export function receiptReference(text: string): CaseReference {
  try {
    return parseCaseReference(text);
  } catch (error) {
    if (error instanceof CaseReferenceError) throw new RpcError('INVALID_INPUT', error.message);
    throw error;
  }
}

/** The reference in a sentence: `受理编号 4K7Q M2XD 9PW `, `办件编号 … `. */
export const describeReference = (reference: CaseReference) =>
  'receiptNumber' in reference
    ? `受理编号 ${formatReceiptNumber(reference.receiptNumber)} `
    : 'caseNumber' in reference
      ? `办件编号 ${reference.caseNumber} `
      : '这张回执';

/** The reference as one string, for a query that takes any of them. */
export const referenceText = (reference: CaseReference) =>
  'receiptNumber' in reference
    ? formatReceiptNumber(reference.receiptNumber)
    : 'caseNumber' in reference
      ? reference.caseNumber
      : reference.caseId;
