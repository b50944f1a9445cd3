import { useCallback, useEffect, useState } from 'react';
import { maskPhone } from '../../shared/form-values.js';
import { formatReceiptNumber } from '../../shared/case-reference.js';
import type { MaterialFile } from '../../shared/cases.js';
import { CASE_TYPES, MATERIAL_FORMS } from '../../shared/cases.js';
import { formFields, type Item } from '../../shared/catalog.js';
import type { Methods } from '../../shared/contract.js';
import type { Answers, GuidanceStep, GuidedMaterial } from '../../shared/guidance.js';
import { maskIdNumber, maskName } from '../../shared/id-number.js';
import type { IdCardView } from '../../shared/idcard.js';
import type { OpenedPrefill } from '../../shared/prefill.js';
import type { OutputOf } from '../../shared/rpc/define.js';
import { MaterialCapture } from '../capture/MaterialCapture.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { shownFieldValue } from '../forms/shown-value.js';
import type { Host } from '../rpc/call.js';
import { useEvent, useQuery, useSend } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
import { shortcut } from './shortcuts.js';

type MaterialForm = keyof typeof MATERIAL_FORMS;
interface Received {
  received: boolean;
  form: MaterialForm;
  count: number;
  files: MaterialFile[];
}
type Result = GuidanceStep & { kind: 'result' };

const EXTRA = '其他材料';
/** 代办: the agent's authorisation joins the checklist like any material the item asks for. */
const AUTHORISATION = { id: 'authorisation', name: '授权委托书', requirements: '申请人签名的授权委托书原件，写明委托事项、权限和期限' };
const AUTHORISATION_RECEIVED: Received = { received: false, form: 'original', count: 1, files: [] };
const formOf = (material: GuidedMaterial): MaterialForm =>
  material.carrier === 'electronic' ? 'electronic' : material.original === 'copy' ? 'copy' : 'original';

/**
 * 一窗受理 at the window: who applies (the card, or the pre-filled slip; an agent with their own card),
 * for what (search, then the situation questions), the materials checklist with capture, the form,
 * the applicant's confirmation and signature on their screen, then 受理 with a receipt or 不予受理 with
 * a one-time notice.
 */
const MISSING_MATERIALS_GROUNDS = '材料不齐，请按告知单补齐后再来办理';

export function IntakePanel({ prefill }: { prefill: OpenedPrefill | undefined }) {
  const send = useSend();
  const [applicant, setApplicant] = useState<{
    from: 'card' | 'prefill';
    view: { name: string; idNumber: string; problems: string[] };
  } | null>(null);
  const [agentOn, setAgentOn] = useState(false);
  const [agent, setAgent] = useState<IdCardView | null>(null);
  const [query, setQuery] = useState('');
  /** An item was chosen: the search's hits are put away until the clerk types again. */
  const [picked, setPicked] = useState(false);
  const [item, setItem] = useState<Item | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [step, setStep] = useState<GuidanceStep | null>(null);
  const [received, setReceived] = useState<Record<string, Received>>({});
  const [extraFiles, setExtraFiles] = useState<MaterialFile[]>([]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [mobile, setMobile] = useState('');
  /** 办件类型 and the flags: the item's own type unless the clerk changes it for this case. */
  const [caseType, setCaseType] = useState<keyof typeof CASE_TYPES | null>(null);
  const [flags, setFlags] = useState({ joint: false, reported: false });
  const [captureFor, setCaptureFor] = useState<string>(EXTRA);
  const [confirmed, setConfirmed] = useState(false);
  /** The grounds of a 不予受理 as the clerk typed them; with materials missing and nothing typed, that is the ground. */
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<OutputOf<Methods, 'intake.submit'> | null>(null);
  /** Items of this applicant's 一件事 already taken in: one case each. */
  const [taken, setTaken] = useState<string[]>([]);
  const info = useQuery('catalog.info', {});
  const regions = info.data?.regions ?? [];
  const request = prefill?.application.request;
  const bundle = request?.kind === 'bundle' ? info.data?.bundles.find((candidate) => candidate.id === request.id) : undefined;
  /** The clerk's actions (read a card, review, submit) share one busy state and one failure. */
  const action = useCall((host, work: (host: Host) => Promise<void>) => work(host));
  const { run: attempt, busy } = action;
  const itemLoad = useCall(
    (host, code: string, withAnswers: Answers) => host.invoke('catalog.item', { code }).then((found) => ({ found, withAnswers })),
    {
      onAnswer({ found, withAnswers }) {
        setItem(found);
        setAnswers(withAnswers);
        setPicked(true);
      },
    },
  );
  const guideLoad = useCall((host, code: string, given: Answers) => host.invoke('catalog.guide', { kind: 'item', code, answers: given }), {
    latestOnly: true,
    onAnswer(next) {
      setStep(next);
      if (next.kind === 'result')
        setReceived(Object.fromEntries(next.materials.map((m) => [m.id, { received: false, form: formOf(m), count: m.count, files: [] }])));
    },
  });
  const failed = [action, itemLoad, guideLoad].find((call) => call.error);
  const search = useQuery('catalog.search', query.trim() ? { query: query.trim(), limit: 8 } : null);
  const hits = query.trim() && !picked ? (search.data?.hits.filter((hit) => hit.kind === 'item') ?? []) : [];

  useEvent(
    'intake.confirmed',
    useCallback(() => setConfirmed(true), []),
  );

  const chooseItem = itemLoad.run;

  useEffect(() => {
    if (!prefill) return;
    const values = prefill.application.values;
    setApplicant({
      from: 'prefill',
      view: { name: maskName(values['applicant-name'] ?? ''), idNumber: maskIdNumber(values['applicant-id'] ?? ''), problems: [] },
    });
    setValues(values);
    setMobile(values.phone ?? '');
    if (prefill.application.request.kind === 'item') void chooseItem(prefill.application.request.code, prefill.application.request.answers);
  }, [prefill, chooseItem]);

  useEffect(() => {
    if (!item) return setStep(null);
    void guideLoad.run(item.implCode, answers);
  }, [item, answers, guideLoad.run]);

  // The step belongs to the item: until the effect above has cleared it, a step left from the last case must not render.
  const result = item && step?.kind === 'result' ? (step as Result) : null;
  const fields = result ? formFields(result.form).filter((field) => field.type !== 'signature') : [];
  /** What the window must receive: the outcome's materials, and the authorisation when an agent applies. */
  const checklist = result ? [...result.materials.filter((m) => m.source !== 'shared'), ...(agentOn ? [AUTHORISATION] : [])] : [];
  /** 免提交: a department shares these, so the applicant is never asked for them. */
  const shared = result ? result.materials.filter((m) => m.source === 'shared') : [];
  const stateOf = (id: string): Received | undefined => received[id] ?? (id === AUTHORISATION.id ? AUTHORISATION_RECEIVED : undefined);
  const materialName = (id: string) => checklist.find((m) => m.id === id)?.name ?? EXTRA;

  const readCard = (as: 'applicant' | 'agent') =>
    attempt(async (host) => {
      const view = await host.invoke('intake.readCard', { as });
      if (as === 'applicant') setApplicant({ from: 'card', view });
      else setAgent(view);
    });

  function caseMaterials() {
    const listed = checklist.map((material) => ({ name: material.name, ...stateOf(material.id)! }));
    return extraFiles.length
      ? [...listed, { name: EXTRA, received: true, form: 'electronic' as const, count: 1, files: extraFiles }]
      : listed;
  }

  const review = () =>
    attempt(async (host) => {
      setConfirmed(false);
      await host.invoke('intake.review', {
        itemName: item!.name,
        materials: caseMaterials()
          .filter((material) => material.received)
          .map((material) => ({ name: material.name, form: MATERIAL_FORMS[material.form], count: material.count })),
        fields: [
          ...fields
            .filter((field) => values[field.id])
            .map((field) => ({ label: field.label, value: shownFieldValue(field, values[field.id]!, regions) })),
          ...(mobile ? [{ label: '手机号码', value: maskPhone(mobile) }] : []),
        ],
      });
    });

  const submit = (refuse: boolean) =>
    attempt(async (host) => {
      const materials = caseMaterials();
      const missing = materials.filter((material) => !material.received);
      const submission = {
        itemCode: item!.implCode,
        itemName: item!.name,
        caseType: caseType ?? item!.caseType,
        flags,
        promisedDays: item!.promisedDays,
        applicant: { from: applicant!.from },
        ...(agentOn && agent ? { agent: { from: 'card' as const } } : {}),
        ...(/^1\d{10}$/.test(mobile) ? { mobile } : {}),
        materials,
        ...(result && applicant!.from !== 'prefill'
          ? {
              form: {
                formId: result.form.id,
                values: Object.fromEntries(fields.filter((f) => values[f.id]).map((f) => [f.id, values[f.id]!])),
              },
            }
          : {}),
        ...(refuse
          ? {
              notice: {
                reason: grounds,
                items: missing.map((material) => ({
                  material: material.name,
                  requirement: checklist.find((m) => m.name === material.name)?.requirements ?? '请按办事指南提供',
                })),
              },
            }
          : {}),
      };
      const answer: OutputOf<Methods, 'intake.submit'> = await host.create('intake.submit', submission);
      setDone(answer);
      setTaken([...taken, item!.implCode]);
    });

  /** The same applicant's next item: the people and the pre-filled form stay, the item and its materials go. */
  function nextItem() {
    setItem(null);
    setStep(null);
    setReceived({});
    setExtraFiles([]);
    setCaptureFor(EXTRA);
    setConfirmed(false);
    setCaseType(null);
    setFlags({ joint: false, reported: false });
    setReason('');
    setDone(null);
  }

  function startOver() {
    void send('intake.reset', {});
    nextItem();
    setTaken([]);
    setApplicant(null);
    setAgentOn(false);
    setAgent(null);
    setAnswers({});
    setValues({});
    setMobile('');
    setQuery('');
  }

  if (done) {
    return (
      <section className="panel intake" aria-labelledby="intake-title" data-testid="intake-done">
        <h2 id="intake-title">受理 Intake</h2>
        <p role="status">
          {done.case.stage === 'rejected' ? `已出具不予受理通知书${done.oneTimeNotice ? '和一次性告知单' : ''}` : '已受理'}：
          {done.case.itemName} · 申请人 {done.case.applicant?.name}
          {done.case.receiptNumber && ` · 受理编号 ${formatReceiptNumber(done.case.receiptNumber)}`}
          {done.case.caseNumber && ` · 办件编号 ${done.case.caseNumber}`}
          {done.print ? '，正在打印' : '，本窗口无打印机'}
        </p>
        <div className="button-row">
          {bundle && taken.length < bundle.items.length && (
            <button type="button" onClick={nextItem}>
              受理本一件事的下一个事项 Next item of the bundle
            </button>
          )}
          <button type="button" className="primary" onClick={startOver}>
            下一位 Next applicant
          </button>
        </div>
      </section>
    );
  }

  const unreceived = checklist.filter((m) => !stateOf(m.id)?.received).length;
  const grounds = reason.trim() || (unreceived > 0 ? MISSING_MATERIALS_GROUNDS : '');
  return (
    <section className="panel intake" aria-labelledby="intake-title">
      <h2 id="intake-title">受理 Intake</h2>
      <ErrorBanner message={failed?.error} onDismiss={failed?.dismiss} />

      <fieldset>
        <legend>申请人 Applicant</legend>
        {applicant ? (
          <p data-testid="intake-applicant">
            {applicant.view.name} {applicant.view.idNumber}（{applicant.from === 'card' ? '读卡' : '预填单'}）
            {applicant.view.problems.length > 0 && <strong role="alert"> {applicant.view.problems.join('；')}</strong>}
          </p>
        ) : (
          <p className="muted">请申请人将身份证放在读卡区 / Place the applicant's card on the reader</p>
        )}
        <div className="button-row">
          <button type="button" {...shortcut('F6')} onClick={() => void readCard('applicant')} disabled={busy}>
            读取申请人证件 Read card
          </button>
          <label>
            <input type="checkbox" checked={agentOn} onChange={(event) => setAgentOn(event.target.checked)} /> 代办 Agent
          </label>
          {agentOn && (
            <button type="button" onClick={() => void readCard('agent')} disabled={busy}>
              读取代办人证件 Read agent's card
            </button>
          )}
        </div>
        {agentOn && agent && (
          <p data-testid="intake-agent">
            代办人 {agent.name} {agent.idNumber}（须提供授权委托书）
            {agent.problems.length > 0 && <strong role="alert"> {agent.problems.join('；')}</strong>}
          </p>
        )}
        <label>
          手机号码 Mobile{' '}
          <input
            value={mobile}
            onChange={(event) => setMobile(event.target.value.replace(/\D/g, '').slice(0, 11))}
            inputMode="numeric"
            autoComplete="off"
          />
        </label>
      </fieldset>

      <fieldset>
        <legend>事项 Item</legend>
        {bundle && !item && (
          <div role="group" aria-label={`一件事 ${bundle.name}`}>
            <p>
              一件事：<strong>{bundle.name}</strong>，每个事项一件，逐项受理 / one case per item
            </p>
            <div className="button-row">
              {bundle.items.map((entry) => (
                <button
                  key={entry.code}
                  type="button"
                  disabled={taken.includes(entry.code)}
                  onClick={() => void chooseItem(entry.code, request?.kind === 'bundle' ? (request.answers[entry.code] ?? {}) : {})}
                >
                  {entry.name}
                  {taken.includes(entry.code) ? '（已受理）' : ''}
                </button>
              ))}
            </div>
          </div>
        )}
        {item ? (
          <p>
            <strong data-testid="intake-item">{item.name}</strong>（{item.department}）{' '}
            <button type="button" className="small" onClick={() => setItem(null)}>
              更换 Change
            </button>
          </p>
        ) : (
          <>
            <label>
              搜索事项 Search{' '}
              <input
                value={query}
                onChange={(event) => (setQuery(event.target.value), setPicked(false))}
                autoComplete="off"
                placeholder="名称、拼音或首字母"
              />
            </label>
            <ul className="hit-list">
              {hits.map((hit) => (
                <li key={hit.code}>
                  <button type="button" className="hit" onClick={() => void chooseItem(hit.code, {})}>
                    <span className="hit-name">{hit.name}</span>
                    <span className="hit-where">{hit.department}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        {step?.kind === 'question' && (
          <div role="group" aria-label={step.text}>
            <p>{step.text}</p>
            <div className="button-row">
              {step.options.map((option) => (
                <button key={option.value} type="button" onClick={() => setAnswers({ ...answers, [step.nodeId]: option.value })}>
                  {option.label}
                </button>
              ))}
            </div>
          </div>
        )}
      </fieldset>

      {result && (
        <>
          <fieldset>
            <legend>材料 Materials</legend>
            <table className="waiting-table" data-testid="intake-materials">
              <thead>
                <tr>
                  <th scope="col">材料</th>
                  <th scope="col">已收</th>
                  <th scope="col">形式</th>
                  <th scope="col">份数</th>
                  <th scope="col">采集</th>
                </tr>
              </thead>
              <tbody>
                {checklist.map((material) => {
                  const state = stateOf(material.id);
                  if (!state) return null;
                  const update = (change: Partial<Received>) => setReceived({ ...received, [material.id]: { ...state, ...change } });
                  return (
                    <tr key={material.id} data-material={material.name}>
                      <td title={material.requirements}>{material.name}</td>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`已收 ${material.name}`}
                          checked={state.received}
                          onChange={(event) => update({ received: event.target.checked })}
                        />
                      </td>
                      <td>
                        <select
                          aria-label={`形式 ${material.name}`}
                          value={state.form}
                          onChange={(event) => update({ form: event.target.value as MaterialForm })}
                        >
                          {Object.entries(MATERIAL_FORMS).map(([value, label]) => (
                            <option key={value} value={value}>
                              {label}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <input
                          type="number"
                          min={0}
                          max={99}
                          aria-label={`份数 ${material.name}`}
                          value={state.count}
                          onChange={(event) => update({ count: Math.max(0, Math.min(99, Number(event.target.value) || 0)) })}
                        />
                      </td>
                      <td>
                        <button type="button" className="small" onClick={() => setCaptureFor(material.id)}>
                          采集{state.files.length ? `（${state.files.length}）` : ''}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {shared.length > 0 && <p className="muted">部门共享，免提交：{shared.map((m) => m.name).join('、')}</p>}
          </fieldset>

          <fieldset>
            <legend>{result.form.title}</legend>
            {fields.map((field) =>
              applicant?.from === 'prefill' ||
              (applicant?.from === 'card' && field.prefill && (field.prefill === 'name' || field.prefill === 'idNumber')) ? (
                <p key={field.id}>
                  {field.label}：
                  {applicant.from === 'prefill' ? shownFieldValue(field, values[field.id] ?? '', regions) || '—' : '（由证件填写）'}
                </p>
              ) : (
                <label key={field.id} className="intake-field">
                  {field.label}
                  {field.type === 'choice' || field.type === 'yesNo' || field.type === 'region' ? (
                    <select value={values[field.id] ?? ''} onChange={(event) => setValues({ ...values, [field.id]: event.target.value })}>
                      <option value="">请选择</option>
                      {(field.type === 'region'
                        ? regions.map((region) => ({ value: region.code, label: region.name }))
                        : (field.type === 'yesNo' ? ['是', '否'] : (field.options ?? [])).map((option) => ({
                            value: option,
                            label: option,
                          }))
                      ).map((option) => (
                        <option key={option.value} value={option.value}>
                          {option.label}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      value={values[field.id] ?? ''}
                      onChange={(event) => setValues({ ...values, [field.id]: event.target.value })}
                      inputMode={field.type === 'number' ? 'decimal' : undefined}
                      autoComplete="off"
                    />
                  )}
                </label>
              ),
            )}
          </fieldset>

          <div className="button-row">
            <label>
              办件类型 Case type{' '}
              <select value={caseType ?? item!.caseType} onChange={(event) => setCaseType(event.target.value as keyof typeof CASE_TYPES)}>
                {Object.entries(CASE_TYPES).map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <input type="checkbox" checked={flags.joint} onChange={(event) => setFlags({ ...flags, joint: event.target.checked })} /> 联办
              Joint
            </label>
            <label>
              <input
                type="checkbox"
                checked={flags.reported}
                onChange={(event) => setFlags({ ...flags, reported: event.target.checked })}
              />{' '}
              上报 Reported
            </label>
          </div>
          <div className="button-row">
            <button type="button" {...shortcut('F7')} disabled={busy || !applicant} onClick={() => void review()}>
              请申请人确认 Ask to confirm
            </button>
            <span role="status" data-testid="intake-confirmed">
              {confirmed ? '申请人已确认签名 Signed' : '等待申请人确认 Waiting'}
            </span>
            <button
              type="button"
              className="primary"
              {...shortcut('F8')}
              disabled={busy || !applicant || !confirmed || unreceived > 0}
              onClick={() => void submit(false)}
            >
              受理并打印回执 Accept
            </button>
          </div>
          <div className="button-row">
            <label>
              告知理由 Reason{' '}
              <input
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                placeholder={unreceived > 0 ? MISSING_MATERIALS_GROUNDS : '请写明不予受理的理由 / the grounds of the refusal'}
                maxLength={200}
              />
            </label>
            <button type="button" {...shortcut('F9')} disabled={busy || !applicant || !grounds} onClick={() => void submit(true)}>
              {unreceived > 0 ? '不予受理，打印通知书和一次性告知单 Refuse' : '不予受理，打印通知书 Refuse'}
            </button>
          </div>
        </>
      )}

      <MaterialCapture
        key={captureFor}
        materialName={materialName(captureFor)}
        onSaved={(file) => {
          if (captureFor === EXTRA) setExtraFiles([...extraFiles, file]);
          else
            setReceived({
              ...received,
              [captureFor]: { ...stateOf(captureFor)!, received: true, files: [...stateOf(captureFor)!.files, file] },
            });
        }}
      />
    </section>
  );
}
