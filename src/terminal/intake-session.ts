import type { z } from 'zod';
import { caseQrText, checkCodeOf, formatReceiptNumber } from '../shared/case-reference.js';
import { MATERIAL_FORMS, type CaseDraft, type CaseSummary, type MaterialFile, type SignatureStrokes } from '../shared/cases.js';
import type { IntakeSubmission } from '../shared/contract-intake.js';
import type { IntakeReviewSchema } from '../shared/customer-view.js';
import { maskIdNumber, maskName } from '../shared/id-number.js';
import { clerkCardView, type ClerkCardView, type IdCard, type IdCardView } from '../shared/idcard.js';
import { addWorkingDays, localDate } from '../shared/local-date.js';
import type { OpenedPrefill } from '../shared/prefill.js';
import type { PrintJobView } from '../shared/printing.js';
import { RpcError } from '../shared/rpc/errors.js';
import type { Emit } from './emit.js';
import type { Print } from './printing-service.js';

type Person = NonNullable<CaseDraft['agent']>;
type Clerk = { id: string; name: string };

export interface IntakeDeps {
  hallName: string;
  windowLabel: string;
  timeZone: string;
  now?: () => Date;
  takeRecentCard(): IdCard | null;
  viewCard(card: IdCard): IdCardView;
  stageMaterial(bytes: Buffer, mediaType: MaterialFile['mediaType']): MaterialFile;
  register(draft: CaseDraft, clerk: Clerk): CaseSummary;
  /** The names of the item's materials a department shares (免提交): never asked of the applicant. */
  sharedMaterials(itemCode: string): ReadonlySet<string>;
  print: Print<'acceptance-receipt' | 'missing-materials-notice' | 'refusal-notice'>;
  /** The applicant's screen: what to confirm, confirmed, or back to welcome. */
  showReview(review: z.output<typeof IntakeReviewSchema> & { applicantName: string; applicantIdNumber: string; confirmed: boolean }): void;
  /** 受理 done: the applicant's screen shows the receipt number, as printed on their receipt. */
  showAccepted(accepted: { itemName: string; receiptNumber: string }): void;
  welcome(): void;
  emit: Emit<'intake.confirmed'>;
}

/** 居民身份证 and the permanent residence cards have GB/T 39046 codes; the HK/Macao/Taiwan permit is 其他. */
const CERTIFICATE_OF: Record<IdCard['type'], Person['certificateType']> = {
  resident: '111',
  foreigner: '553',
  foreigner2023: '553',
  hkmotw: '990',
};

const personOfCard = (card: IdCard): Person => ({
  name: card.name,
  certificateType: CERTIFICATE_OF[card.type],
  certificateNumber: card.idNumber,
  address: card.address,
});

/**
 * One applicant's intake at a counter's window, from the first card to the last receipt. The host holds
 * what is personal (cards, the pre-filled application, the signature) so the clerk's page never needs a
 * full ID number; each submit builds one case from it and the page's choices, and prints. The intake
 * ends with `reset`: the next applicant, or the next number called.
 */
export function createIntakeSession(deps: IntakeDeps) {
  const now = deps.now ?? (() => new Date());
  let cards: { applicant?: IdCard; agent?: IdCard } = {};
  let prefill: OpenedPrefill | null = null;
  let signature: { file: MaterialFile; strokes: SignatureStrokes } | null = null;
  let review: z.output<typeof IntakeReviewSchema> | null = null;

  function applicantShown(): { applicantName: string; applicantIdNumber: string } {
    const person = cards.applicant ? personOfCard(cards.applicant) : prefill ? prefillApplicant(prefill) : null;
    return person
      ? { applicantName: maskName(person.name), applicantIdNumber: maskIdNumber(person.certificateNumber) }
      : { applicantName: '', applicantIdNumber: '' };
  }

  function prefillApplicant(opened: OpenedPrefill): Person {
    const values = opened.application.values;
    const name = values['applicant-name'];
    const idNumber = values['applicant-id'];
    if (!name || !idNumber)
      throw new RpcError(
        'INVALID_INPUT',
        '预填单中没有申请人姓名和证件号码，请读取申请人身份证 / the pre-filled form has no applicant: read the card',
      );
    return {
      name,
      certificateType: '111',
      certificateNumber: idNumber.toUpperCase(),
      ...(values.phone && /^1\d{10}$/.test(values.phone) ? { mobile: values.phone } : {}),
    };
  }

  function person(source: IntakeSubmission['applicant'], role: 'applicant' | 'agent'): Person {
    if (source.from === 'typed') return source.person;
    if (source.from === 'prefill') {
      if (!prefill) throw new RpcError('REFUSED', '本次受理没有调取预填单 / no pre-filled application was opened at this intake');
      return prefillApplicant(prefill);
    }
    const card = cards[role];
    if (!card) throw new RpcError('REFUSED', `请先读取${role === 'agent' ? '代办人' : '申请人'}的身份证 / read the ${role}'s card first`);
    return personOfCard(card);
  }

  function reset(): void {
    cards = {};
    prefill = null;
    signature = null;
    review = null;
  }

  return {
    reset,

    readCard(as: 'applicant' | 'agent'): ClerkCardView {
      const card = deps.takeRecentCard();
      if (!card) throw new RpcError('REFUSED', '请将证件平放在读卡区，读卡成功后再点“读取” / place the card on the reader, then read it');
      cards = { ...cards, [as]: card };
      return clerkCardView(card, deps.viewCard(card));
    },

    /** The application a citizen prepared at a kiosk, opened at this intake: its applicant can stand for the card. */
    usePrefill(opened: OpenedPrefill): void {
      prefill = opened;
    },

    review(shown: z.output<typeof IntakeReviewSchema>): void {
      review = shown;
      signature = null;
      deps.showReview({ ...shown, ...applicantShown(), confirmed: false });
    },

    /** The applicant signed on their screen: the picture is kept like a captured page, the strokes with the case. */
    confirm(strokes: SignatureStrokes, png: Buffer): void {
      if (!review) throw new RpcError('REFUSED', '窗口尚未请您确认内容 / there is nothing to confirm yet');
      signature = { file: deps.stageMaterial(png, 'image/png'), strokes };
      const at = now().toISOString();
      deps.showReview({ ...review, ...applicantShown(), confirmed: true });
      deps.emit('intake.confirmed', { at });
    },

    /**
     * 受理 prints the receipt; 不予受理 prints the 不予受理通知书 and, when materials are missing, the
     * 一次性告知单 naming them. `ticketId`: the hall ticket being served at the window, if any; the case is filed under it.
     */
    submit(
      input: IntakeSubmission,
      clerk: Clerk,
      ticketId: string | null,
    ): { case: CaseSummary; print: PrintJobView | null; oneTimeNotice: PrintJobView | null } {
      // 受理 records what the applicant confirmed and signed; a refusal is the window's to record alone.
      if (!input.notice && !signature) {
        throw new RpcError(
          'REFUSED',
          '申请人尚未在客户屏上确认并签名，请先点“请申请人确认” / the applicant has not confirmed and signed yet',
        );
      }
      const applicant = person(input.applicant, 'applicant');
      // What a department shares is neither required of the applicant nor listed as missing, whatever the page sent.
      const shared = deps.sharedMaterials(input.itemCode);
      const materials = input.materials.filter((material) => material.received || !shared.has(material.name));
      const notice = input.notice ? { ...input.notice, items: input.notice.items.filter((item) => !shared.has(item.material)) } : undefined;
      const draft: CaseDraft = {
        itemCode: input.itemCode,
        itemName: input.itemName,
        caseType: input.caseType,
        handlingForm: input.handlingForm,
        flags: input.flags,
        applicant: input.mobile ? { ...applicant, mobile: input.mobile } : applicant,
        ...(input.agent ? { agent: person(input.agent, 'agent') } : {}),
        materials: signature
          ? [...materials, { name: '申请人签名', received: true, form: 'electronic', count: 1, files: [signature.file] }]
          : materials,
        ...(input.promisedDays !== undefined ? { promisedDays: input.promisedDays } : {}),
        ...(notice ? { notice } : {}),
        ...(input.form
          ? { form: input.form }
          : prefill
            ? { form: { formId: prefill.application.formId, values: prefill.application.values } }
            : {}),
        ...(signature ? { signature: { image: signature.file, strokes: signature.strokes } } : {}),
        ...(ticketId ? { ticketId } : {}),
      };
      const registered = deps.register(draft, clerk);
      const issuedAt = now().toISOString();
      let print: PrintJobView | null;
      let oneTimeNotice: PrintJobView | null = null;
      if (notice) {
        print = deps.print(
          'refusal-notice',
          {
            hallName: deps.hallName,
            serviceName: input.itemName,
            applicantName: applicant.name,
            grounds: notice.reason,
            issuedAt,
            windowLabel: deps.windowLabel,
            clerkName: clerk.name,
            clerkId: clerk.id,
          },
          `不予受理通知书 ${input.itemName}`,
        );
        if (notice.items.length > 0) {
          oneTimeNotice = deps.print(
            'missing-materials-notice',
            {
              hallName: deps.hallName,
              serviceName: input.itemName,
              applicantName: applicant.name,
              reason: notice.reason,
              items: notice.items.map((item) => ({
                material: item.material,
                problem: materials.some((m) => m.name === item.material && m.received) ? 'non-compliant' : 'missing',
                requirement: item.requirement,
              })),
              issuedAt,
              windowLabel: deps.windowLabel,
              clerkName: clerk.name,
            },
            `一次性告知单 ${input.itemName}`,
          );
        }
      } else {
        const receiptNumber = registered.receiptNumber!;
        print = deps.print(
          'acceptance-receipt',
          {
            hallName: deps.hallName,
            receiptNumber: formatReceiptNumber(receiptNumber),
            checkCode: checkCodeOf(registered.caseId),
            ...(registered.caseNumber ? { caseNumber: registered.caseNumber } : {}),
            serviceName: input.itemName,
            applicantName: applicant.name,
            applicantIdNumber: applicant.certificateNumber,
            materials: materials
              .filter((m) => m.received && m.count > 0)
              .map((m) => ({ name: m.name, form: MATERIAL_FORMS[m.form], count: m.count })),
            acceptedAt: issuedAt,
            promisedDate: promisedDateText(localDate(now(), deps.timeZone), input.caseType === '2' ? (input.promisedDays ?? 0) : 0),
            windowLabel: deps.windowLabel,
            clerkName: clerk.name,
            qrText: caseQrText(receiptNumber, checkCodeOf(registered.caseId)),
          },
          `受理回执 ${input.itemName}`,
        );
      }
      // The applicant stays for their next case (a 一件事 is one case per item); what they signed does not.
      signature = null;
      review = null;
      if (notice) deps.welcome();
      else deps.showAccepted({ itemName: input.itemName, receiptNumber: formatReceiptNumber(registered.receiptNumber!) });
      return { case: registered, print, oneTimeNotice };
    },
  };
}

function promisedDateText(today: string, days: number): string {
  const date = addWorkingDays(today, days);
  return `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
}

export type IntakeSession = ReturnType<typeof createIntakeSession>;
