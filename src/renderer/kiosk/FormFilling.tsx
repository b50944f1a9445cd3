import { useEffect, useState } from 'react';
import { formFields, type FormField } from '../../shared/catalog.js';
import type { Methods } from '../../shared/contract.js';
import type { CatalogHit } from '../../shared/contract-catalog.js';
import { fieldProblem } from '../../shared/form-values.js';
import { materialFormWords } from '../../shared/guide-document.js';
import type { Answers, GuidanceStep } from '../../shared/guidance.js';
import type { InputOf, OutputOf } from '../../shared/rpc/define.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { IdCardPanel } from '../components/IdCardPanel.js';
import { TicketPrintStatus } from '../components/TicketPrintStatus.js';
import type { KeyboardLayout } from '../keyboard/OnScreenKeyboard.js';
import { useQuery } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
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
const PREFILL_SLIP = { zh: '预填单', en: 'pre-fill slip', numberZh: '预填码', numberEn: 'pre-fill code' };

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
  const layout = LAYOUTS[field.type];
  const label = `${field.label}${field.required ? '' : '（选填 optional）'}`;
  if (layout)
    return (
      <KeyboardField
        label={label}
        value={value}
        onChange={onChange}
        layout={layout}
        onDone={() => onNext()}
        doneLabel="下一题 Next"
        problem={problem}
        maxLength={field.rules?.maxLength ?? 200}
      />
    );
  const choices =
    field.type === 'region'
      ? regions.map((region) => ({ value: region.code, label: region.name }))
      : (field.type === 'yesNo' ? ['是', '否'] : (field.options ?? [])).map((option) => ({ value: option, label: option }));
  return (
    <fieldset className="choices">
      <legend className="keyboard-field-label">{label}</legend>
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
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
  const { speak } = useKioskVisit();
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
      <section aria-label="选择事项 Choose a service">
        <h2 className="prompt">选择要填写的事项或一件事 Choose what to apply for</h2>
        <CatalogPicker onPick={setHit} />
      </section>
    );
  }
  if (!step) return <ErrorBanner message={guide.error} />;

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
        <p className="ticket-label">您的预填码 Your pre-fill code</p>
        <p id="prefill-code" className="ticket-number prefill-code" data-testid="prefill-code">
          {prepared.code}
        </p>
        <p className="ticket-hint">请取号后到综合窗口出示预填单，工作人员扫码即可调取，无需重复填写。 Show the slip at the window.</p>
        <TicketPrintStatus job={prepared.print} ticketNumber={prepared.code} slip={PREFILL_SLIP} />
      </section>
    );
  }

  return (
    <section aria-labelledby="fill-title" className="form-filling">
      <h2 id="fill-title" className="prompt">
        {hit.name}
      </h2>
      <ErrorBanner message={failed?.error} onDismiss={failed?.dismiss} />

      {step.kind === 'question' && (
        <fieldset className="choices question">
          <legend className="question-text">
            {step.itemName !== hit.name && <small>{step.itemName}：</small>}
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
              ← 上一题 Back
            </button>
          )}
        </fieldset>
      )}

      {result && phase === 'materials' && (
        <div>
          <h3>按您的情况，请准备以下材料 Bring these</h3>
          <ol className="guide-materials" data-testid="guided-materials">
            {result.materials.map((material) => (
              <li key={material.id}>
                <strong>{material.name}</strong>（{materialFormWords(material)}
                {material.count > 1 ? ` ${material.count}份` : ''}）
                {material.source === 'shared' && <span className="badge">部门共享，免提交</span>}
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
              ← 上一题 Back
            </button>
            <button type="button" className="primary" onClick={() => setPhase('card')}>
              开始填表 Fill in the form
            </button>
          </div>
        </div>
      )}

      {result && phase === 'card' && (
        <div>
          <h3>刷身份证，自动填写姓名和证件号码 Let the ID card fill in your name and number</h3>
          <IdCardPanel clearAfterMs={KIOSK_CARD_SECONDS * 1000} />
          <div className="button-row">
            <button type="button" className="primary" onClick={() => void card.run(requestOf(hit, given))}>
              用刚读取的身份证填写 Use the card
            </button>
            <button
              type="button"
              onClick={() => {
                setPhase(fields.length ? 'fields' : 'review');
                setFieldIndex(0);
              }}
            >
              不刷卡，手动填写 Type it in
            </button>
          </div>
        </div>
      )}

      {result && phase === 'fields' && fields[fieldIndex] && (
        <div>
          <p className="muted">
            第 {fieldIndex + 1} / {fields.length} 题 · Question {fieldIndex + 1} of {fields.length}
          </p>
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
              ← 上一题 Back
            </button>
          )}
        </div>
      )}

      {result && phase === 'review' && (
        <div>
          <h3>请核对您填写的内容 Please check</h3>
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
                      className="small"
                      aria-label={`修改${field.label} Change`}
                      onClick={() => {
                        setFieldIndex(fields.indexOf(field));
                        setPhase('fields');
                      }}
                    >
                      修改
                    </button>
                  )}
                </div>
              ))}
          </dl>
          {formFields(result.form).some((field) => field.type === 'signature') && (
            <p className="muted">签名请到窗口在屏幕上完成 / You sign at the window.</p>
          )}
          <button type="button" className="primary wide" disabled={submission.busy} onClick={submit}>
            {submission.busy ? '正在提交…' : '确认无误，生成预填码 Confirm and get the code'}
          </button>
        </div>
      )}
    </section>
  );
}
