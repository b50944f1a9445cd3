import { useCallback, useEffect, useReducer, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClerkCardView } from '../../../shared/idcard.js';
import { maskIdNumber, maskName } from '../../../shared/id-number.js';
import type { Answers } from '../../../shared/guidance.js';
import type { OpenedPrefill } from '../../../shared/prefill.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { Button, Steps, type Step } from '../../design/index.js';
import { i18next } from '../../i18n/index.js';
import type { Host } from '../../rpc/call.js';
import { useEvent, useQuery, useSend } from '../../rpc/hooks.js';
import { useCall } from '../../rpc/use-call.js';
import { shortcut } from '../shortcuts.js';
import { ApplicantStep } from './ApplicantStep.js';
import { ConfirmStep } from './ConfirmStep.js';
import { DecisionStep } from './DecisionStep.js';
import { DoneStep } from './DoneStep.js';
import { FormStep } from './FormStep.js';
import { ItemStep } from './ItemStep.js';
import { MaterialsStep } from './MaterialsStep.js';
import {
  canAccept,
  canRefuse,
  canReview,
  flowReducer,
  initialFlow,
  missing,
  STEP_KEYS,
  unreceivedCount,
  type Missing,
  type ShownPerson,
  type StepKey,
} from './flow.js';
import { reviewOf, submissionOf, type IntakeWords } from './review.js';

const personOfCard = (view: ClerkCardView): ShownPerson => ({
  name: view.fullName,
  idNumber: view.fullIdNumber,
  typeName: view.typeName,
  address: view.address,
  validFrom: view.validFrom,
  validTo: view.validTo,
  ...(view.photoBmp ? { photo: `data:image/bmp;base64,${view.photoBmp}` } : {}),
  problems: view.problems,
});

/** The words the case records are the hall's: Chinese, whatever the clerk's screen shows. */
const caseWord = (key: string): string => String(i18next.t(`counter:${key}` as never, { lng: 'zh-CN' }));
const WORDS = (): IntakeWords => ({
  authorisation: caseWord('materials.authorisation'),
  authorisationRequirements: caseWord('materials.authorisationRequirements'),
  extra: caseWord('materials.extra'),
  missingMaterialsGrounds: caseWord('decision.missingMaterialsGrounds'),
  mobileLabel: caseWord('applicant.mobile'),
  defaultRequirement: caseWord('decision.defaultRequirement'),
});

/**
 * 一窗受理 at the window as a flow of steps (flow.ts holds the state): who applies, for what, the
 * materials with capture, the form, the applicant's confirmation on their screen, 受理 or 不予受理, the
 * result. The function keys (F6–F9) and 上一步/下一步 work from any step.
 */
export function IntakePanel({ prefill }: { prefill: OpenedPrefill | undefined }) {
  const { t } = useTranslation('counter');
  const send = useSend();
  const [state, dispatch] = useReducer(flowReducer, initialFlow);
  const info = useQuery('catalog.info', {});
  const regions = info.data?.regions ?? [];
  const request = prefill?.application.request;
  const bundle = request?.kind === 'bundle' ? info.data?.bundles.find((candidate) => candidate.id === request.id) : undefined;
  const words = WORDS();

  const action = useCall((host, work: (host: Host) => Promise<void>) => work(host));
  const { run: attempt, busy } = action;
  const itemLoad = useCall(
    (host, code: string, withAnswers: Answers) => host.invoke('catalog.item', { code }).then((found) => ({ found, withAnswers })),
    { onAnswer: ({ found, withAnswers }) => dispatch({ type: 'itemChosen', item: found, answers: withAnswers }) },
  );
  const guideLoad = useCall((host, code: string, given: Answers) => host.invoke('catalog.guide', { kind: 'item', code, answers: given }), {
    latestOnly: true,
    onAnswer: (guidance) => dispatch({ type: 'guided', guidance }),
  });
  const failed = [action, itemLoad, guideLoad].find((call) => call.error);
  const chooseItem = itemLoad.run;

  useEvent(
    'intake.confirmed',
    useCallback(() => dispatch({ type: 'confirmed' }), []),
  );

  useEffect(() => {
    if (!prefill) return;
    const values = prefill.application.values;
    dispatch({
      type: 'prefillOpened',
      person: { name: maskName(values['applicant-name'] ?? ''), idNumber: maskIdNumber(values['applicant-id'] ?? ''), problems: [] },
      values,
    });
    if (prefill.application.request.kind === 'item') void chooseItem(prefill.application.request.code, prefill.application.request.answers);
  }, [prefill, chooseItem]);

  const { item, answers } = state;
  useEffect(() => {
    if (item) void guideLoad.run(item.implCode, answers);
  }, [item, answers, guideLoad.run]);

  // Keyboard first: a new step, or a control gone from under the focus, puts the focus on the step's first control.
  const body = useRef<HTMLDivElement>(null);
  const shownStep = useRef<StepKey>(state.step);
  useEffect(() => {
    const moved = shownStep.current !== state.step;
    shownStep.current = state.step;
    const lost = document.activeElement === document.body || document.activeElement === null;
    if (!moved && !lost) return;
    const first =
      body.current?.querySelector<HTMLElement>('[data-autofocus]') ??
      body.current?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea, button:not(:disabled)');
    first?.focus();
  }, [state.step, state.guidance, state.item]);

  const readCard = (as: 'applicant' | 'agent') =>
    attempt(async (host) => {
      const view = await host.invoke('intake.readCard', { as });
      dispatch({ type: as === 'applicant' ? 'applicantRead' : 'agentRead', person: personOfCard(view) });
    });

  const review = reviewOf(state, regions, words);
  const askConfirm = () =>
    attempt(async (host) => {
      await host.invoke('intake.review', review!);
      dispatch({ type: 'reviewSent' });
      dispatch({ type: 'goTo', step: 'confirm' });
    });

  const submit = (refuse: boolean) =>
    attempt(async (host) => {
      const answer = await host.create('intake.submit', submissionOf(state, refuse, words));
      dispatch({
        type: 'submitted',
        itemCode: state.item!.implCode,
        outcome: {
          refused: answer.case.stage === 'rejected',
          oneTimeNotice: answer.oneTimeNotice !== null,
          itemName: answer.case.itemName,
          applicantName: answer.case.applicant?.name ?? '',
          receiptNumber: answer.case.receiptNumber ?? null,
          caseNumber: answer.case.caseNumber ?? null,
          printed: answer.print !== null,
        },
      });
    });

  function startOver() {
    void send('intake.reset', {});
    dispatch({ type: 'reset' });
  }

  const lacking = missing(state, regions);
  const note = (list: Missing[]): string | undefined => {
    const first = list[0];
    if (!first) return undefined;
    switch (first.kind) {
      case 'applicant':
        return t('steps.missingApplicant');
      case 'agent':
        return t('steps.missingAgent');
      case 'item':
        return t('steps.missingItem');
      case 'question':
        return t('steps.missingQuestion');
      case 'materials':
        return t('steps.missingMaterials', { count: first.count });
      case 'fields':
        return t('steps.missingFields', { count: first.count });
      case 'review':
        return t('steps.missingReview');
      case 'signature':
        return t('steps.missingSignature');
    }
  };
  const steps: Step<StepKey>[] = STEP_KEYS.map((key) => ({
    key,
    label: t(`steps.${key}`),
    state: key === 'done' ? (state.outcome ? 'done' : 'todo') : lacking[key].length ? 'missing' : 'done',
    note: note(lacking[key]),
  }));
  const at = STEP_KEYS.indexOf(state.step);
  const unreceived = unreceivedCount(state);
  const needs = [
    !state.applicant && t('intake.needApplicant'),
    !review && t('intake.needItem'),
    unreceived > 0 && t('intake.needMaterials'),
    !state.confirmed && t('intake.needSignature'),
  ].filter(Boolean);
  const done = state.outcome !== null;

  return (
    <section className="panel intake" aria-labelledby="intake-title">
      <header className="intake-header">
        <h2 id="intake-title">{t('intake.title')}</h2>
        <p className="intake-summary">
          <span data-testid="intake-applicant">
            {state.applicant
              ? t('intake.summary', {
                  name: state.applicant.person.name,
                  id: state.applicant.person.idNumber,
                  from: state.applicant.from === 'card' ? t('applicant.fromCard') : t('applicant.fromPrefill'),
                })
              : t('applicant.placeCard')}
          </span>
          {state.item && <strong data-testid="intake-item">{state.item.name}</strong>}
        </p>
      </header>
      <Steps steps={steps} current={state.step} label={t('steps.label')} onSelect={(step) => dispatch({ type: 'goTo', step })} />
      <ErrorBanner message={failed?.error} onDismiss={failed?.dismiss} />
      <div className="intake-body" ref={body} aria-label={t(`steps.${state.step}`)} role="group" tabIndex={0}>
        <h3 className="step-title">{t(`steps.${state.step}`)}</h3>
        {state.step === 'applicant' && (
          <ApplicantStep state={state} dispatch={dispatch} busy={busy} onReadAgent={() => void readCard('agent')} />
        )}
        {state.step === 'item' && (
          <ItemStep
            state={state}
            dispatch={dispatch}
            bundle={bundle}
            bundleAnswers={(code) => (request?.kind === 'bundle' ? (request.answers[code] ?? {}) : {})}
            onChoose={(code, given) => void chooseItem(code, given)}
          />
        )}
        {state.step === 'materials' && <MaterialsStep state={state} dispatch={dispatch} />}
        {state.step === 'form' && <FormStep state={state} dispatch={dispatch} regions={regions} />}
        {state.step === 'confirm' && <ConfirmStep review={review} confirmed={state.confirmed} reviewSent={state.reviewSent} />}
        {state.step === 'decision' && <DecisionStep state={state} dispatch={dispatch} />}
        {state.step === 'done' &&
          (state.outcome ? (
            <DoneStep
              outcome={state.outcome}
              moreInBundle={bundle !== undefined && state.taken.length < bundle.items.length}
              onNextItem={() => dispatch({ type: 'nextItem' })}
              onNextApplicant={startOver}
            />
          ) : (
            <p className="step-empty">{t('intake.acceptNeeds', { what: needs.join(t('list.separator')) })}</p>
          ))}
      </div>
      <footer className="intake-actions" aria-label={t('intake.actions')} role="group">
        <Button disabled={at === 0 || done} onClick={() => dispatch({ type: 'goTo', step: STEP_KEYS[at - 1]! })}>
          {t('steps.back')}
        </Button>
        <Button disabled={at >= STEP_KEYS.length - 2 || done} onClick={() => dispatch({ type: 'goTo', step: STEP_KEYS[at + 1]! })}>
          {t('steps.next')}
        </Button>
        <span className="intake-actions-gap" />
        <Button {...shortcut('F6')} disabled={busy || done} onClick={() => void readCard('applicant')}>
          {t('applicant.readCard')}
        </Button>
        <Button {...shortcut('F7')} disabled={busy || done || !canReview(state)} onClick={() => void askConfirm()}>
          {t('intake.askConfirm')}
        </Button>
        <span role="status" data-testid="intake-confirmed" className={state.confirmed ? 'confirm-badge confirm-badge-ok' : 'confirm-badge'}>
          {state.confirmed ? t('intake.confirmed') : state.reviewSent ? t('intake.waitingConfirm') : t('intake.notAsked')}
        </span>
        <Button variant="primary" {...shortcut('F8')} disabled={busy || done || !canAccept(state)} onClick={() => void submit(false)}>
          {t('intake.accept')}
        </Button>
        <Button
          variant="danger"
          {...shortcut('F9')}
          disabled={busy || done || !canRefuse(state, words.missingMaterialsGrounds)}
          onClick={() => void submit(true)}
        >
          {unreceived > 0 ? t('intake.refuseWithNotice') : t('intake.refuse')}
        </Button>
      </footer>
    </section>
  );
}
