import { z } from 'zod';
import { birthDateFromIdNumber, maskIdNumber, maskName, sexCodeFromIdNumber } from './id-number.js';

/**
 * A card read from a second-generation ID-card reader, for every card type the readers carry: the
 * resident card, the foreigner's permanent residence cards of 2017 ('I') and 2023 ('Y'), and the
 * Hong Kong/Macao/Taiwan residence permit ('J'). Dates are YYYY-MM-DD; a validity of 长期 is kept as is.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const validTo = z.union([isoDate, z.literal('长期')]);

export const IdCardPhotoSchema = z.object({
  /** The raw 1024-byte WLT as read; only a licensed vendor library decodes it. */
  wlt: z.base64(),
  /** A BMP from the decoder where one is configured, else null: the card is complete without it. */
  bmp: z.base64().nullable(),
});

const common = {
  name: z.string(),
  sex: z.string(),
  sexCode: z.string(),
  birthDate: isoDate,
  address: z.string(),
  idNumber: z.string(),
  issuer: z.string(),
  validFrom: isoDate,
  validTo,
  photo: IdCardPhotoSchema,
  /** The fingerprint block of command 30 10, kept but never interpreted. */
  fingerprint: z.base64().optional(),
};

export const IdCardSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('resident'),
    ...common,
    nation: z.string(),
    nationCode: z.string(),
    additionalAddress: z.string().optional(),
  }),
  z.object({
    type: z.literal('foreigner'),
    ...common,
    englishName: z.string(),
    chineseName: z.string(),
    nationality: z.string(),
    permitNumber: z.string(),
    cardVersion: z.string(),
    issuerCode: z.string(),
  }),
  z.object({
    type: z.literal('foreigner2023'),
    ...common,
    englishName: z.string(),
    chineseName: z.string(),
    nationality: z.string(),
    renewalCount: z.string(),
    previousPermitLink: z.string(),
  }),
  z.object({
    type: z.literal('hkmotw'),
    ...common,
    passNumber: z.string(),
    issueCount: z.string(),
    additionalAddress: z.string().optional(),
  }),
]);
export type IdCard = z.infer<typeof IdCardSchema>;
export type IdCardType = IdCard['type'];

export const ID_CARD_TYPE_NAMES: Record<IdCardType, string> = {
  resident: '居民身份证',
  foreigner: '外国人永久居留身份证（2017版）',
  foreigner2023: '外国人永久居留身份证（2023版）',
  hkmotw: '港澳台居民居住证',
};

/** What a card says about itself that does not add up, in words a clerk can act on. */
export function cardProblems(card: IdCard, today: string): string[] {
  const problems: string[] = [];
  if (card.validTo !== '长期' && card.validTo < today) problems.push(`证件已于 ${card.validTo} 过期 / the card expired on ${card.validTo}`);
  if (card.validFrom > today) problems.push(`证件有效期自 ${card.validFrom} 起，尚未生效 / the card is not valid before ${card.validFrom}`);
  if (card.idNumber.length === 18) {
    if (birthDateFromIdNumber(card.idNumber) !== card.birthDate) {
      problems.push('出生日期与证件号码不符 / the birth date does not match the ID number');
    }
    if ((card.sexCode === '1' || card.sexCode === '2') && sexCodeFromIdNumber(card.idNumber) !== card.sexCode) {
      problems.push('性别与证件号码不符 / the sex does not match the ID number');
    }
  }
  return problems;
}

/** What a page may show of a card: the name and number masked, nothing else personal. */
export const IdCardViewSchema = z.object({
  type: z.enum(['resident', 'foreigner', 'foreigner2023', 'hkmotw']),
  typeName: z.string(),
  name: z.string(),
  sex: z.string(),
  idNumber: z.string(),
  validTo,
  photoDecoded: z.boolean(),
  problems: z.array(z.string()),
});
export type IdCardView = z.infer<typeof IdCardViewSchema>;

export function idCardView(card: IdCard, today: string): IdCardView {
  return {
    type: card.type,
    typeName: ID_CARD_TYPE_NAMES[card.type],
    name: maskName(card.name),
    sex: card.sex,
    idNumber: maskIdNumber(card.idNumber),
    validTo: card.validTo,
    photoDecoded: card.photo.bmp !== null,
    problems: cardProblems(card, today),
  };
}

/**
 * The card as the clerk's own screen shows it at intake: in full, because checking the applicant's
 * identity is the clerk's job. Only the operator's page gets it; public screens keep IdCardView.
 */
export const ClerkCardViewSchema = IdCardViewSchema.extend({
  fullName: z.string(),
  fullIdNumber: z.string(),
  address: z.string(),
  validFrom: isoDate,
  /** The decoded photo (BMP), where a licensed decoder is configured; else null. */
  photoBmp: z.base64().nullable(),
});
export type ClerkCardView = z.infer<typeof ClerkCardViewSchema>;

export function clerkCardView(card: IdCard, view: IdCardView): ClerkCardView {
  return {
    ...view,
    fullName: card.name,
    fullIdNumber: card.idNumber,
    address: card.address,
    validFrom: card.validFrom,
    photoBmp: card.photo.bmp,
  };
}

export const IdCardReaderStatusSchema = z.object({
  state: z.enum(['absent', 'connecting', 'connected', 'sam-fault', 'disconnected', 'stopped']),
  samId: z.string().optional(),
  message: z.string().optional(),
  /** Sample cards a simulated reader can be given, for demos and tests; empty on real hardware. */
  simulatedSamples: z.array(z.string()),
});
export type IdCardReaderStatus = z.infer<typeof IdCardReaderStatusSchema>;
