import type { intakeMethods } from '../../shared/contract-intake.js';
import { RpcError } from '../../shared/rpc/errors.js';
import { createIntakeSession } from '../intake-session.js';
import { needCases } from './cases.js';
import type { FeatureContext } from './context.js';
import type { CounterFeature } from './counter.js';
import { both, guarded, type Feature } from './feature.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

type IntakeMethod = Exclude<keyof typeof intakeMethods, 'pickup.handOver'> | 'prefill.open';

/**
 * 一窗受理 at the window: the pre-filled application opened, the cards read, the review the applicant
 * confirms and signs on their screen, and the case submitted. A new number called ends the intake.
 */
export function intakeFeature(
  ctx: FeatureContext,
  counter: Pick<CounterFeature, 'asClerk' | 'servingTicket' | 'onNextApplicant'>,
): Feature<IntakeMethod> {
  const { config, idcard, customer } = ctx;
  const cases = needCases(ctx);
  const intake = createIntakeSession({
    hallName: config.hallName,
    windowLabel: ctx.place,
    timeZone: config.cases.timeZone,
    takeRecentCard: () => idcard.takeRecentCard(),
    viewCard: (card) => idcard.view(card),
    stageMaterial: (bytes, mediaType) => cases().store.stageMaterial(bytes, mediaType),
    register: (draft, onDuty) => {
      const { store, engine } = cases();
      const registered = store.register(draft, onDuty);
      engine.kick();
      return registered;
    },
    sharedMaterials: (itemCode) => {
      const item = ctx.catalog.current().items.find((candidate) => candidate.implCode === itemCode);
      return new Set(item?.materials.filter((material) => material.source === 'shared').map((material) => material.name) ?? []);
    },
    print: ctx.printing.print,
    showReview: (review) => customer.show({ kind: 'review', windowLabel: ctx.place, ...review }),
    showAccepted: (accepted) => customer.show({ kind: 'accepted', windowLabel: ctx.place, ...accepted }),
    welcome: () => customer.welcome(),
    emit: ctx.emit,
  });
  counter.onNextApplicant(() => {
    intake.reset();
    customer.nextApplicant();
  });

  return {
    name: 'intake',
    handlers: {
      ...guarded(counter.asClerk, {
        'prefill.open': async ({ code }) => {
          const opened = await ctx.viaLink('hall', () => ctx.hall.openPrefill(code));
          intake.usePrefill(opened);
          return opened;
        },
        'intake.readCard': ({ as }) => intake.readCard(as),
        'intake.review': (shown) => {
          intake.review(shown);
          return {};
        },
      }),
      ...guarded(both(cases, counter.asClerk), {
        'intake.submit': (submission, [, clerk]) =>
          ctx.replies.once('intake.submit', submission.requestId, submission, () =>
            intake.submit(submission, clerk, counter.servingTicket()),
          ),
      }),
      'intake.reset': () => {
        intake.reset();
        customer.welcome();
        return {};
      },
      'customer.confirm': ({ strokes, png }) => {
        const image = Buffer.from(png, 'base64');
        if (!image.subarray(0, 8).equals(PNG_SIGNATURE))
          throw new RpcError('INVALID_INPUT', '签名图片应为 PNG / the signature picture must be a PNG');
        intake.confirm(strokes, image);
        return {};
      },
    },
  };
}
