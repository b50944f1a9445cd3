import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formFields, type FormField } from '../../shared/catalog.js';
import type { Methods } from '../../shared/contract.js';
import type { CatalogHit } from '../../shared/contract-catalog.js';
import { fieldProblem, YES_NO } from '../../shared/form-values.js';
import { materialFormWords } from '../../shared/guide-document.js';
import type { Answers, GuidanceStep } from '../../shared/guidance.js';
import type { InputOf, OutputOf } from '../../shared/rpc/define.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { IdCardPanel } from '../components/IdCardPanel.js';
import { TicketPrintStatus } from '../components/TicketPrintStatus.js';
import { useLocalise } from '../i18n/index.js';
import type { KeyboardLayout } from '../keyboard/OnScreenKeyboard.js';
import { useQuery } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
import { Busy } from './Busy.js';
import { CardInsert } from './CardInsert.js';
import { CatalogPicker } from './CatalogPicker.js';
import { KeyboardField } from './KeyboardField.js';
import { useKioskVisit } from './kiosk-context.js';
import { KIOSK_CARD_SECONDS } from './TakeNumber.js';

type GuideRequest = InputOf<Methods, 'catalog.guide'>;
type Result = GuidanceStep & { kind: 'result' };
/** One answer given, in order, so 上一题 can take the last one back. */
type Given = { itemCode: string; nodeId: string; value: string };

const LAYOUTS: Partial<Record<FormField['type'], KeyboardLayout>> = {
  text: 'pinyin',
  number: 'decimal',
  idNumber: 'idNumber',
  phone: 'phone',
  date: 'date',
};

function requestOf(hit: CatalogHit, given: Given[]): GuideRequest {
  if (hit.kind === 'item')
    return { kind: 'item', code: hit.code, answers: Object.fromEntries(given.map((answer) => [answer.nodeId, answer.value])) };
  const answers: Record<string, Answers> = {};
  for (const answer of given) answers[answer.itemCode] = { ...answers[answer.itemCode], [answer.nodeId]: answer.value };
  return { kind: 'bundle', id: hit.code, answers };
}

/** One question of one field: the right keyboard or the choices, and what is wrong with the answer. */
function FieldPage({
  field,
  value,
  regions,
  onChange,
  onNext,
  problem,
}: {
  field: FormField;
  value: string;
  regions: { code: string; name: string }[];
  onChange(value: string): void;
  onNext(value?: string): void;
  problem: string | null;
}) {
  const { t } = useTranslation('kiosk');
  const localise = useLocalise();
  const layout = LAYOUTS[field.type];
  const label = `${field.label}${field.required ? '' : t('fill.optional')}`;
  if (layout)
    return (
      <KeyboardField
        label={label}
        value={value}
        onChange={onChange}
        layout={layout}
        onDone={() => onNext()}
        doneLabel={t('fill.next')}
        problem={problem}
        maxLength={field.rules?.maxLength ?? 200}
      />
    );
  const choices =
    field.type === 'region'
      ? regions.map((region) => ({ value: region.code, label: region.name }))
      : field.type === 'yesNo'
        ? YES_NO.map((option, index) => ({ value: option, label: index === 0 ? t('fill.yes') : t('fill.no') }))
        : (field.options ?? []).map((option) => ({ value: option, label: option }));
  return (
    <fieldset className="choices">
      <legend className="keyboard-field-label">{label}</legend>
      {problem && (
        <p className="field-problem" role="alert">
          {localise(problem)}
        </p>
      )}
      {choices.map((choice) => (
        <button
          key={choice.value}
          type="button"
          aria-pressed={value === choice.value}
          className={value === choice.value ? 'primary' : undefined}
          onClick={() => onNext(choice.value)}
        >
          {choice.label}
        </button>
      ))}
    </fieldset>
  );
}

/**
 * 智能导办 / 自助填表: pick an item or a 一件事, answer the situation questions one per page, see exactly
 * what to bring, fill the form one question per page (the ID card fills what it can), check it, and
 * leave with a pre-fill code the counter scans.
 */
export default function FormFilling() {
  const { t } = useTranslation('kiosk');
  const { speak, finish } = useKioskVisit();
  const info = useQuery('catalog.info', {});
  const [hit, setHit] = useState<CatalogHit>();
  const [given, setGiven] = useState<Given[]>([]);
  const [step, setStep] = useState<GuidanceStep>();
  const [phase, setPhase] = useState<'questions' | 'materials' | 'card' | 'fields' | 'review' | 'done'>('questions');
  const [values, setValues] = useState<Record<string, string>>({});
  /** Values the card filled in, masked as the page may show them; the host holds the real ones. */
  const [fromCard, setFromCard] = useState<Record<string, string>>({});
  const [fieldIndex, setFieldIndex] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [prepared, setPrepared] = useState<OutputOf<Methods, 'kiosk.submitPrefill'>>();

  const guide = useCall((host, request: GuideRequest) => host.invoke('catalog.guide', request), {
    latestOnly: true,
    onAnswer(next) {
      setStep(next);
      setPhase(next.kind === 'question' ? 'questions' : 'materials');
      if (next.kind === 'question') speak(next.text);
    },
  });
  const card = useCall((host, request: GuideRequest) => host.invoke('kiosk.cardForForm', request), {
    onAnswer(answer) {
      setFromCard(answer.shown);
      setPhase('fields');
      setFieldIndex(0);
    },
  });
  const submission = useCall(
    (host, prefill: Omit<InputOf<Methods, 'kiosk.submitPrefill'>, 'requestId'>) => host.create('kiosk.submitPrefill', prefill),
    {
      onAnswer(answer) {
        setPrepared(answer);
        setPhase('done');
      },
    },
  );
  const failed = [submission, card, guide].find((call) => call.error);

  useEffect(() => {
    if (hit) void guide.run(requestOf(hit, given));
  }, [hit, given, guide.run]);

  if (!hit) {
    return (
      <section aria-labelledby="fill-prompt" className="kiosk-page">
        <h2 id="fill-prompt" className="prompt">
          {t('fill.prompt')}
        </h2>
        <CatalogPicker onPick={setHit} />
      </section>
    );
  }
  if (!step) return guide.error ? <ErrorBanner message={guide.error} /> : <Busy text={t('fill.loading')} />;

  const result = step.kind === 'result' ? (step as Result) : null;
  const fields = result ? formFields(result.form).filter((field) => field.type !== 'signature' && fromCard[field.id] === undefined) : [];
  const regions = info.data?.regions ?? [];
  const shown = (field: FormField) =>
    fromCard[field.id] ??
    (field.type === 'region' ? regions.find((region) => region.code === values[field.id])?.name : values[field.id]) ??
    '';

  function next(field: FormField, chosen?: string) {
    const value = chosen ?? values[field.id] ?? '';
    const updated = { ...values, [field.id]: value };
    setValues(updated);
    const wrong = fieldProblem(field, value, { regions });
    setProblem(wrong);
    if (wrong) return speak(wrong);
    if (fieldIndex + 1 < fields.length) setFieldIndex(fieldIndex + 1);
    else setPhase('review');
  }

  function submit() {
    const typed = Object.fromEntries(fields.filter((field) => values[field.id]).map((field) => [field.id, values[field.id]!]));
    void submission.run({ request: requestOf(hit!, given), values: typed, fromCard: Object.keys(fromCard) });
  }

  if (phase === 'done' && prepared) {
    return (
      <section className="ticket" aria-labelledby="prefill-code">
        <p className="ticket-queue">{hit.name}</p>
        <p className="ticket-label">{t('fill.codeLabel')}</p>
        <p id="prefill-code" className="ticket-number prefill-code" data-testid="prefill-code">
          {prepared.code}
        </p>
        <p className="ticket-hint">{t('fill.codeHint')}</p>
        <TicketPrintStatus job={prepared.print} ticketNumber={prepared.code} slip="prefill" />
        <button type="button" className="primary ticket-done" onClick={finish}>
          {t('fill.done')}
        </button>
      </section>
    );
  }

  return (
    <section aria-labelledby="fill-title" className="kiosk-page form-filling">
      <h2 id="fill-title" className="prompt">
        {hit.name}
      </h2>
      <ErrorBanner message={failed?.error} onDismiss={failed?.dismiss} />
      {guide.busy && <Busy text={t('fill.loading')} />}

      {step.kind === 'question' && (
        <fieldset className="choices question">
          <legend className="question-text">
            {step.itemName !== hit.name && <small>{t('fill.itemOf', { item: step.itemName })}</small>}
            {step.text}
          </legend>
          {step.help && <p className="muted">{step.help}</p>}
          {step.options.map((option) => (
            <button
              key={option.value}
              type="button"
              onClick={() => setGiven([...given, { itemCode: step.itemCode, nodeId: step.nodeId, value: option.value }])}
            >
              {option.label}
            </button>
          ))}
          {given.length > 0 && (
            <button type="button" className="back" onClick={() => setGiven(given.slice(0, -1))}>
              ← {t('fill.back')}
            </button>
          )}
        </fieldset>
      )}

      {result && phase === 'materials' && (
        <div>
          <h3>{t('fill.bring')}</h3>
          <ol className="guide-materials" data-testid="guided-materials">
            {result.materials.map((material) => (
              <li key={material.id}>
                <strong>{material.name}</strong>
                {t('guide.form', {
                  form: materialFormWords(material),
                  copies: material.count > 1 ? t('fill.copies', { count: material.count }) : '',
                })}
                {material.source === 'shared' && <span className="badge">{t('fill.shared')}</span>}
                <br />
                <small>{material.requirements}</small>
              </li>
            ))}
          </ol>
          {result.notes.length > 0 && (
            <ul>
              {result.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
          <div className="button-row">
            <button type="button" onClick={() => setGiven(given.slice(0, -1))} disabled={given.length === 0}>
              ← {t('fill.back')}
            </button>
            <button type="button" className="primary" onClick={() => setPhase('card')}>
              {t('fill.start')}
            </button>
          </div>
        </div>
      )}

      {result && phase === 'card' && (
        <div>
          <h3>{t('fill.cardTitle')}</h3>
          <IdCardPanel clearAfterMs={KIOSK_CARD_SECONDS * 1000} guide={<CardInsert announce />} />
          {card.busy && <Busy text={t('fill.reading')} />}
          <div className="button-row">
            <button type="button" className="primary" disabled={card.busy} onClick={() => void card.run(requestOf(hit, given))}>
              {t('fill.useCard')}
            </button>
            <button
              type="button"
              onClick={() => {
                setPhase(fields.length ? 'fields' : 'review');
                setFieldIndex(0);
              }}
            >
              {t('fill.typeIt')}
            </button>
          </div>
        </div>
      )}

      {result && phase === 'fields' && fields[fieldIndex] && (
        <div>
          <p className="muted">{t('fill.question', { index: fieldIndex + 1, total: fields.length })}</p>
          <FieldPage
            key={fields[fieldIndex]!.id}
            field={fields[fieldIndex]!}
            value={values[fields[fieldIndex]!.id] ?? ''}
            regions={regions}
            problem={problem}
            onChange={(value) => {
              setProblem(null);
              setValues({ ...values, [fields[fieldIndex]!.id]: value });
            }}
            onNext={(chosen) => next(fields[fieldIndex]!, chosen)}
          />
          {fieldIndex > 0 && (
            <button type="button" className="back" onClick={() => (setProblem(null), setFieldIndex(fieldIndex - 1))}>
              ← {t('fill.back')}
            </button>
          )}
        </div>
      )}

      {result && phase === 'review' && (
        <div>
          <h3>{t('fill.check')}</h3>
          <dl className="review" data-testid="prefill-review">
            {formFields(result.form)
              .filter((field) => field.type !== 'signature')
              .map((field) => (
                <div key={field.id} className="review-row">
                  <dt>{field.label}</dt>
                  <dd>{shown(field) || '—'}</dd>
                  {fromCard[field.id] === undefined && (
                    <button
                      type="button"
                      aria-label={t('fill.changeField', { field: field.label })}
                      onClick={() => {
                        setFieldIndex(fields.indexOf(field));
                        setPhase('fields');
                      }}
                    >
                      {t('fill.change')}
                    </button>
                  )}
                </div>
              ))}
          </dl>
          {formFields(result.form).some((field) => field.type === 'signature') && <p className="muted">{t('fill.signAtWindow')}</p>}
          {submission.busy && <Busy text={t('fill.submitting')} />}
          <button type="button" className="primary wide" disabled={submission.busy} onClick={submit}>
            {t('fill.submit')}
          </button>
        </div>
      )}
    </section>
  );
}
