import { NATION_NAMES, SEX_NAMES } from '../../shared/idcard-codes.js';
import type { IdCard } from '../../shared/idcard.js';
import { IdCardError } from './errors.js';

/** The 256-byte UTF-16LE text of a card; the type marker is the character at byte 248. */
export const TEXT_BYTES = 256;
export const PHOTO_BYTES = 1024;

type Field = readonly [offset: number, bytes: number];

const RESIDENT = {
  name: [0, 30],
  sex: [30, 2],
  nation: [32, 4],
  birth: [36, 16],
  address: [52, 70],
  idNumber: [122, 36],
  issuer: [158, 30],
  validFrom: [188, 16],
  validTo: [204, 16],
} as const satisfies Record<string, Field>;

const FOREIGNER_2017 = {
  englishName: [0, 120],
  sex: [120, 2],
  permitNumber: [122, 30],
  nationality: [152, 6],
  chineseName: [158, 30],
  validFrom: [188, 16],
  validTo: [204, 16],
  birth: [220, 16],
  cardVersion: [236, 4],
  issuerCode: [240, 8],
} as const satisfies Record<string, Field>;

const FOREIGNER_2023 = {
  chineseName: [0, 30],
  sex: [30, 2],
  renewalCount: [32, 4],
  birth: [36, 16],
  englishName1: [52, 70],
  idNumber: [122, 36],
  validFrom: [188, 16],
  validTo: [204, 16],
  englishName2: [220, 22],
  nationality: [242, 6],
  previousPermitLink: [250, 6],
} as const satisfies Record<string, Field>;

const HKMOTW = {
  ...RESIDENT,
  passNumber: [220, 18],
  issueCount: [238, 4],
} as const satisfies Record<string, Field>;

const TYPE_MARKER: Field = [248, 2];

export interface ReadBlocks {
  text: Buffer;
  photo: Buffer;
  fingerprint?: Buffer;
}

/** Splits the data of a 30 01 or 30 10 reply into text, photo and fingerprint by the lengths it carries. */
export function splitReadReply(data: Buffer, withFingerprint: boolean): ReadBlocks {
  const header = withFingerprint ? 6 : 4;
  if (data.length < header) throw malformed(`the read reply has ${data.length} bytes, fewer than its ${header}-byte header`);
  const textLength = data.readUInt16BE(0);
  const photoLength = data.readUInt16BE(2);
  const fingerprintLength = withFingerprint ? data.readUInt16BE(4) : 0;
  if (textLength !== TEXT_BYTES) throw malformed(`the card text is ${textLength} bytes, not ${TEXT_BYTES}`);
  if (data.length !== header + textLength + photoLength + fingerprintLength) {
    throw malformed(
      `the read reply has ${data.length} bytes, but its lengths say ${header + textLength + photoLength + fingerprintLength}`,
    );
  }
  const text = data.subarray(header, header + textLength);
  const photo = data.subarray(header + textLength, header + textLength + photoLength);
  const fingerprint = fingerprintLength ? data.subarray(header + textLength + photoLength) : undefined;
  return { text: Buffer.from(text), photo: Buffer.from(photo), fingerprint: fingerprint && Buffer.from(fingerprint) };
}

function malformed(en: string): IdCardError {
  return new IdCardError('malformed', '读卡器返回的数据不完整，请重新放卡', en);
}

function field(text: Buffer, [offset, bytes]: Field): string {
  return text.toString('utf16le', offset, offset + bytes);
}

/** Padding is spaces (and, on some readers, NULs or full-width spaces) at the ends; spaces inside a name are part of it. */
const PADDING = new Set([' ', '\u0000', '\u3000']);

function trimmed(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && PADDING.has(value[start]!)) start++;
  while (end > start && PADDING.has(value[end - 1]!)) end--;
  return value.slice(start, end);
}

function isoDate(raw: string, what: string): string {
  const value = trimmed(raw);
  if (!/^\d{8}$/.test(value)) throw malformed(`${what} "${value}" is not a YYYYMMDD date`);
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

function validity(raw: string, what: string): string {
  const value = trimmed(raw);
  return value === '长期' ? value : isoDate(value, what);
}

function sex(code: string): { sex: string; sexCode: string } {
  return { sexCode: code, sex: SEX_NAMES[code] ?? `未知(${code})` };
}

export type CardMarker = 'I' | 'Y' | 'J' | null;

export function cardMarker(text: Buffer): CardMarker {
  const marker = field(text, TYPE_MARKER);
  return marker === 'I' || marker === 'Y' || marker === 'J' ? marker : null;
}

/** Decodes the text, photo and fingerprint of a card; the photo stays raw WLT (bmp: null) until a decoder runs. */
export function decodeCard(blocks: ReadBlocks): IdCard {
  const { text } = blocks;
  if (text.length !== TEXT_BYTES) throw malformed(`the card text is ${text.length} bytes, not ${TEXT_BYTES}`);
  const photo = { wlt: blocks.photo.toString('base64'), bmp: null };
  const extra = blocks.fingerprint ? { fingerprint: blocks.fingerprint.toString('base64') } : {};
  const get = (f: Field) => trimmed(field(text, f));

  switch (cardMarker(text)) {
    case 'I': {
      const englishName = get(FOREIGNER_2017.englishName);
      const chineseName = get(FOREIGNER_2017.chineseName);
      const permitNumber = get(FOREIGNER_2017.permitNumber);
      return {
        type: 'foreigner',
        name: chineseName || englishName,
        ...sex(get(FOREIGNER_2017.sex)),
        birthDate: isoDate(field(text, FOREIGNER_2017.birth), 'the birth date'),
        address: '',
        idNumber: permitNumber,
        issuer: get(FOREIGNER_2017.issuerCode),
        validFrom: isoDate(field(text, FOREIGNER_2017.validFrom), 'the issue date'),
        validTo: validity(field(text, FOREIGNER_2017.validTo), 'the expiry date'),
        photo,
        ...extra,
        englishName,
        chineseName,
        nationality: get(FOREIGNER_2017.nationality),
        permitNumber,
        cardVersion: get(FOREIGNER_2017.cardVersion),
        issuerCode: get(FOREIGNER_2017.issuerCode),
      };
    }
    case 'Y': {
      const englishName = trimmed(field(text, FOREIGNER_2023.englishName1) + field(text, FOREIGNER_2023.englishName2));
      const chineseName = get(FOREIGNER_2023.chineseName);
      return {
        type: 'foreigner2023',
        name: chineseName || englishName,
        ...sex(get(FOREIGNER_2023.sex)),
        birthDate: isoDate(field(text, FOREIGNER_2023.birth), 'the birth date'),
        address: '',
        idNumber: get(FOREIGNER_2023.idNumber),
        issuer: '中华人民共和国国家移民管理局',
        validFrom: isoDate(field(text, FOREIGNER_2023.validFrom), 'the issue date'),
        validTo: validity(field(text, FOREIGNER_2023.validTo), 'the expiry date'),
        photo,
        ...extra,
        englishName,
        chineseName,
        nationality: get(FOREIGNER_2023.nationality),
        renewalCount: get(FOREIGNER_2023.renewalCount),
        previousPermitLink: get(FOREIGNER_2023.previousPermitLink),
      };
    }
    case 'J':
      return {
        type: 'hkmotw',
        ...residentFields(text, get),
        photo,
        ...extra,
        passNumber: get(HKMOTW.passNumber),
        issueCount: get(HKMOTW.issueCount),
      };
    default: {
      const nationCode = get(RESIDENT.nation);
      return {
        type: 'resident',
        ...residentFields(text, get),
        photo,
        ...extra,
        nationCode,
        nation: NATION_NAMES[nationCode] ?? `未知(${nationCode})`,
      };
    }
  }
}

function residentFields(text: Buffer, get: (f: Field) => string) {
  return {
    name: get(RESIDENT.name),
    ...sex(get(RESIDENT.sex)),
    birthDate: isoDate(field(text, RESIDENT.birth), 'the birth date'),
    address: get(RESIDENT.address),
    idNumber: get(RESIDENT.idNumber),
    issuer: get(RESIDENT.issuer),
    validFrom: isoDate(field(text, RESIDENT.validFrom), 'the issue date'),
    validTo: validity(field(text, RESIDENT.validTo), 'the expiry date'),
  };
}

/** The additional address of 30 03: 70 bytes of UTF-16LE. */
export function decodeAdditionalAddress(data: Buffer): string {
  return trimmed(data.toString('utf16le', 0, Math.min(data.length, 70)));
}

/**
 * The inverse of decodeCard's text part, for the simulator and for round-trip tests: writes each
 * field at its offset, padded with spaces. A value too long for its field is refused, never cut.
 */
export function encodeCardText(card: IdCard): Buffer {
  const text = Buffer.alloc(TEXT_BYTES);
  text.fill(Buffer.from(' ', 'utf16le'));
  const put = ([offset, bytes]: Field, value: string, name: string) => {
    const encoded = Buffer.from(value, 'utf16le');
    if (encoded.length > bytes) throw new Error(`${name} "${value}" does not fit in ${bytes / 2} characters`);
    encoded.copy(text, offset);
  };
  const compact = (isoOrLong: string) => isoOrLong.replaceAll('-', '');
  if (card.type === 'foreigner') {
    put(FOREIGNER_2017.englishName, card.englishName, 'englishName');
    put(FOREIGNER_2017.sex, card.sexCode, 'sexCode');
    put(FOREIGNER_2017.permitNumber, card.permitNumber, 'permitNumber');
    put(FOREIGNER_2017.nationality, card.nationality, 'nationality');
    put(FOREIGNER_2017.chineseName, card.chineseName, 'chineseName');
    put(FOREIGNER_2017.validFrom, compact(card.validFrom), 'validFrom');
    put(FOREIGNER_2017.validTo, compact(card.validTo), 'validTo');
    put(FOREIGNER_2017.birth, compact(card.birthDate), 'birthDate');
    put(FOREIGNER_2017.cardVersion, card.cardVersion, 'cardVersion');
    put(FOREIGNER_2017.issuerCode, card.issuerCode, 'issuerCode');
    put(TYPE_MARKER, 'I', 'type');
  } else if (card.type === 'foreigner2023') {
    const split = FOREIGNER_2023.englishName1[1] / 2;
    put(FOREIGNER_2023.chineseName, card.chineseName, 'chineseName');
    put(FOREIGNER_2023.sex, card.sexCode, 'sexCode');
    put(FOREIGNER_2023.renewalCount, card.renewalCount, 'renewalCount');
    put(FOREIGNER_2023.birth, compact(card.birthDate), 'birthDate');
    put(FOREIGNER_2023.englishName1, card.englishName.slice(0, split), 'englishName');
    put(FOREIGNER_2023.englishName2, card.englishName.slice(split), 'englishName');
    put(FOREIGNER_2023.idNumber, card.idNumber, 'idNumber');
    put(FOREIGNER_2023.validFrom, compact(card.validFrom), 'validFrom');
    put(FOREIGNER_2023.validTo, compact(card.validTo), 'validTo');
    put(FOREIGNER_2023.nationality, card.nationality, 'nationality');
    put(FOREIGNER_2023.previousPermitLink, card.previousPermitLink, 'previousPermitLink');
    put(TYPE_MARKER, 'Y', 'type');
  } else {
    put(RESIDENT.name, card.name, 'name');
    put(RESIDENT.sex, card.sexCode, 'sexCode');
    put(RESIDENT.birth, compact(card.birthDate), 'birthDate');
    put(RESIDENT.address, card.address, 'address');
    put(RESIDENT.idNumber, card.idNumber, 'idNumber');
    put(RESIDENT.issuer, card.issuer, 'issuer');
    put(RESIDENT.validFrom, compact(card.validFrom), 'validFrom');
    put(RESIDENT.validTo, compact(card.validTo), 'validTo');
    if (card.type === 'resident') {
      put(RESIDENT.nation, card.nationCode, 'nationCode');
    } else {
      put(HKMOTW.passNumber, card.passNumber, 'passNumber');
      put(HKMOTW.issueCount, card.issueCount, 'issueCount');
      put(TYPE_MARKER, 'J', 'type');
    }
  }
  return text;
}
