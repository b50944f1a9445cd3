import type { z } from 'zod';
import { formFields, type Catalog, type FormDef } from '../shared/catalog.js';
import type { GuideRequestSchema } from '../shared/contract-catalog.js';
import { formProblems, maskedFieldValue, prefillFromCard, type FormValues } from '../shared/form-values.js';
import { materialFormWords } from '../shared/guide-document.js';
import { guide, GuidanceError, type GuidanceStep } from '../shared/guidance.js';
import type { IdCard, IdCardView } from '../shared/idcard.js';
import { prefillQrText, type PrefillTicket } from '../shared/prefill.js';
import type { CaseProgress } from '../shared/platform-api.js';
import type { PrintJobView } from '../shared/printing.js';
import { RpcError } from '../shared/rpc/errors.js';
import { generalCodeOfFailure, rpcErrorOf } from '../http-client/route-client.js';
import type { Outcome } from './cases/platform-client.js';
import { checkCodeInQr, receiptReference, referenceText } from '../shared/case-reference.js';
import type { HallClient } from './hall-client.js';
import type { Print } from './printing-service.js';

type GuideRequest = z.output<typeof GuideRequestSchema>;

export interface KioskSessionDeps {
  hallName: string;
  catalog(): Catalog;
  takeRecentCard(): IdCard | null;
  viewCard(card: IdCard): IdCardView;
  createPrefill: HallClient['createPrefill'];
  print: Print<'prefill-slip'>;
  /** The platform's progress lookup; null when this kiosk is not enrolled with the platform. */
  progress:
    ((query: { reference: string; checkCode?: string } | { idNumber: string }) => Promise<Outcome<{ cases: CaseProgress[] }>>) | null;
}

const needCard = () =>
  // One refusal for the form, the progress lookup and the check-in: it names no one screen's button.
  new RpcError(
    'REFUSED',
    '请先将身份证平放在屏幕下方的读卡区，显示读取成功后再点一次这个按钮 / place the ID card on the reader below the screen first; once it is read, press the button again',
  );

/**
 * One citizen's visit to a kiosk as the host sees it: the card they placed (full, for the form; the
 * page gets it masked) and what they prepared, until they finish or walk away. `end` forgets it all.
 */
export function createKioskSession(deps: KioskSessionDeps) {
  let card: IdCard | null = null;

  function guided(request: GuideRequest): { step: GuidanceStep & { kind: 'result' }; title: string } {
    const catalog = deps.catalog();
    try {
      const step = guide(catalog, request);
      if (step.kind !== 'result') throw new RpcError('INVALID_INPUT', `请先回答“${step.text}” / answer the remaining questions first`);
      const title =
        request.kind === 'item'
          ? catalog.items.find((item) => item.implCode === request.code)!.name
          : catalog.bundles.find((bundle) => bundle.id === request.id)!.name;
      return { step, title };
    } catch (error) {
      if (error instanceof GuidanceError) throw new RpcError('INVALID_INPUT', error.message);
      throw error;
    }
  }

  const cardValues = (form: FormDef, held: IdCard) =>
    prefillFromCard(form, { name: held.name, idNumber: held.idNumber, address: held.address });

  return {
    /** Takes the card just read for the form: the page gets what it fills in, masked. */
    cardForForm(request: GuideRequest): { card: IdCardView; shown: Record<string, string> } {
      const { step } = guided(request);
      const taken = deps.takeRecentCard();
      if (!taken) throw needCard();
      card = taken;
      const fields = new Map(formFields(step.form).map((field) => [field.id, field]));
      // What the card filled in, as the people behind the citizen may see it.
      const shown = Object.fromEntries(
        Object.entries(cardValues(step.form, taken)).map(([id, value]) => [id, maskedFieldValue(fields.get(id)!, value)]),
      );
      return { card: deps.viewCard(taken), shown };
    },

    /** Checks the answers, leaves them on the hall server under a code and prints the slip. */
    async submitPrefill(
      request: GuideRequest,
      typed: FormValues,
      fromCard: string[],
      requestId: string,
    ): Promise<PrefillTicket & { print: PrintJobView | null }> {
      const { step, title } = guided(request);
      const fieldIds = new Set(formFields(step.form).map((field) => field.id));
      const unknown = [...Object.keys(typed), ...fromCard].filter((id) => !fieldIds.has(id));
      if (unknown.length)
        throw new RpcError(
          'INVALID_INPUT',
          `表单“${step.form.title}”没有这些栏目：${unknown.join('、')} / the form has no field ${unknown.join(', ')}`,
        );
      let values: FormValues = Object.fromEntries(Object.entries(typed).filter(([id]) => !fromCard.includes(id)));
      if (fromCard.length) {
        if (!card) throw needCard();
        const fromTheCard = cardValues(step.form, card);
        for (const id of fromCard) if (fromTheCard[id] !== undefined) values = { ...values, [id]: fromTheCard[id] };
      }
      // The applicant signs at the window, on the screen beside the clerk, not at the kiosk.
      const signatures = new Set(
        formFields(step.form)
          .filter((field) => field.type === 'signature')
          .map((field) => field.id),
      );
      const problems = Object.entries(formProblems(step.form, values, deps.catalog()))
        .filter(([id]) => !signatures.has(id))
        .map(([, problem]) => problem);
      if (problems.length)
        throw new RpcError(
          'INVALID_INPUT',
          `${problems.slice(0, 3).join('；')}${problems.length > 3 ? ` 等 ${problems.length} 处` : ''} / please correct the answers`,
        );
      const ticket = await deps.createPrefill(
        { request, title, formId: step.form.id, values, catalogVersion: deps.catalog().version },
        requestId,
      );
      const print = deps.print(
        'prefill-slip',
        {
          hallName: deps.hallName,
          title,
          code: ticket.code,
          qrText: prefillQrText(ticket.code),
          expiresAt: ticket.expiresAt,
          materials: step.materials
            .filter((material) => material.source !== 'shared')
            .map((material) => ({ name: material.name, form: materialFormWords(material), count: material.count })),
        },
        `预填单 ${title}`,
      );
      return { ...ticket, print };
    },

    /**
     * 进度查询 by what the receipt names the case by (a scanned QR carries its 查询码, a typed number comes
     * with the code typed), or by the card this host holds: the page never sends a number of its own.
     */
    async progress(query: { reference: string; checkCode?: string } | { withIdCard: true }): Promise<CaseProgress[]> {
      if (!deps.progress)
        throw new RpcError(
          'UNAVAILABLE',
          '本终端未接入政务服务平台，不能查询进度，请到综合窗口咨询 / this kiosk is not enrolled with the platform: ask at the window',
        );
      let platformQuery: { reference: string; checkCode?: string } | { idNumber: string };
      if ('reference' in query) {
        const checkCode = query.checkCode ?? checkCodeInQr(query.reference);
        platformQuery = { reference: referenceText(receiptReference(query.reference)), ...(checkCode ? { checkCode } : {}) };
      } else {
        const taken = deps.takeRecentCard() ?? card;
        if (!taken) throw needCard();
        platformQuery = { idNumber: taken.idNumber };
      }
      const outcome = await deps.progress(platformQuery);
      if (outcome.ok) return outcome.value.cases;
      // Asked too often, refused: the platform's own code and words. Out of reach: words a citizen can act on.
      if (!outcome.retry || generalCodeOfFailure(outcome) === 'RATE_LIMITED') throw rpcErrorOf(outcome);
      throw new RpcError(
        'UNAVAILABLE',
        '暂时无法查询进度，请稍后再试，或到综合窗口咨询 / progress cannot be looked up now: try again shortly',
      );
    },

    /** The citizen finished or walked away: nothing of theirs stays in the host. */
    end(): void {
      card = null;
      deps.takeRecentCard();
    },
  };
}
