import { useState } from 'react';
import type { CustomerView } from '../../shared/customer-view.js';
import { BAD_REVIEW_REASONS, isBadReview, SATISFACTION_LEVELS } from '../../shared/satisfaction.js';
import { ElderlyToggle } from '../components/ElderlyToggle.js';
import { PanelBoundary } from '../components/PanelBoundary.js';
import { Shell } from '../components/Shell.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useEvent, useQuery, useSend } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
import type { SignatureStrokes } from '../../shared/cases.js';
import { SignaturePad } from './SignaturePad.js';

/** The applicant's screen beside the counter: it only shows what the clerk's terminal sends it. */
export default function CustomerApp() {
  const send = useSend();
  const initial = useQuery('display.getCustomerView', {});
  const [pushed, setPushed] = useState<CustomerView>();
  const [elderly, setElderly] = useState(false);
  const [thanks, setThanks] = useState<string>();
  useEvent('display.customerView', setPushed);
  const view = pushed ?? initial.data;
  const confirm = useCall((host, strokes: SignatureStrokes, png: string) => host.invoke('customer.confirm', { strokes, png }));

  /** A 差评 being given: the applicant may say why (or not) before sending it. */
  const [bad, setBad] = useState<{ level: number; reasons: string[] }>();

  const rating = useCall((host, level: number, reasons: string[]) => host.invoke('customer.rate', { level, reasons }), {
    onAnswer(evaluation) {
      setThanks(evaluation.followUp ? '感谢您的评价，我们会尽快核实并回复您' : '感谢您的评价');
      setTimeout(() => setThanks(undefined), 5000);
    },
  });
  function rate(level: number, reasons: string[] = []) {
    setBad(undefined);
    void rating.run(level, reasons);
  }

  return (
    <Shell title="窗口服务 At your service" elderly={elderly} actions={<ElderlyToggle on={elderly} onChange={setElderly} />}>
      <PanelBoundary part="服务信息">
        <section className="customer-view" data-view={thanks ? 'thanks' : (view?.kind ?? 'loading')}>
          {thanks ? (
            <p className="customer-greeting">{thanks}</p>
          ) : (
            <>
              {view?.kind === 'welcome' && (
                <>
                  <p className="customer-window">{view.windowLabel}</p>
                  <p className="customer-greeting">您好，欢迎办理业务</p>
                  <p className="customer-greeting-en">Welcome</p>
                  {view.clerkName && (
                    <p className="customer-clerk">
                      为您服务的是 {view.clerkName}
                      {view.clerkId && `（工号 ${view.clerkId}）`}
                    </p>
                  )}
                </>
              )}
              {view?.kind === 'rating' && (
                <>
                  <p className="customer-window">{view.ticketNumber} 已办结</p>
                  <p className="customer-greeting">请您对本次服务进行评价</p>
                  <p className="customer-greeting-en">How was our service? Rating is optional.</p>
                  <div className="rating-buttons">
                    {SATISFACTION_LEVELS.map((level) => (
                      <button
                        key={level.code}
                        type="button"
                        className={level.code >= 4 ? 'rating-bad' : ''}
                        aria-pressed={bad?.level === level.code}
                        onClick={() => (isBadReview(level.code) ? setBad({ level: level.code, reasons: [] }) : rate(level.code))}
                      >
                        {level.name}
                        <small>{level.en}</small>
                      </button>
                    ))}
                  </div>
                  {bad && (
                    <div className="rating-reasons" role="group" aria-label="原因（可不选）Why (optional)">
                      <p>请问哪里让您不满意？可不选 · What went wrong? Optional</p>
                      <div className="button-row">
                        {BAD_REVIEW_REASONS.map((reason) => (
                          <button
                            key={reason}
                            type="button"
                            aria-pressed={bad.reasons.includes(reason)}
                            className={bad.reasons.includes(reason) ? 'primary' : undefined}
                            onClick={() =>
                              setBad({
                                ...bad,
                                reasons: bad.reasons.includes(reason) ? bad.reasons.filter((r) => r !== reason) : [...bad.reasons, reason],
                              })
                            }
                          >
                            {reason}
                          </button>
                        ))}
                      </div>
                      <button type="button" className="primary" onClick={() => rate(bad.level, bad.reasons)}>
                        提交评价 Send
                      </button>
                    </div>
                  )}
                  <button type="button" className="rating-skip" onClick={() => void send('customer.skipRating', {})}>
                    不评价 Skip
                  </button>
                  <ErrorBanner inline message={rating.error} />
                </>
              )}
              {view?.kind === 'review' && (
                <div className="customer-review" data-testid="customer-review">
                  <p className="customer-greeting">请核对以下信息 Please check</p>
                  <dl className="review">
                    <div className="review-row">
                      <dt>事项</dt>
                      <dd>{view.itemName}</dd>
                    </div>
                    <div className="review-row">
                      <dt>申请人</dt>
                      <dd>
                        {view.applicantName} {view.applicantIdNumber}
                      </dd>
                    </div>
                    {view.fields.map((field) => (
                      <div className="review-row" key={field.label}>
                        <dt>{field.label}</dt>
                        <dd>{field.value}</dd>
                      </div>
                    ))}
                  </dl>
                  <h2>已收材料 Materials received</h2>
                  <ul>
                    {view.materials.map((material) => (
                      <li key={material.name}>
                        {material.name}（{material.form} {material.count}份）
                      </li>
                    ))}
                  </ul>
                  <ErrorBanner inline message={confirm.error} />
                  {view.confirmed ? (
                    <p className="customer-greeting" role="status">
                      已确认，谢谢 Confirmed, thank you
                    </p>
                  ) : (
                    <>
                      <p className="customer-greeting-en">
                        如有不符，请告诉工作人员；无误请签名确认 Tell the clerk if anything is wrong; otherwise sign
                      </p>
                      <SignaturePad busy={confirm.busy} onSigned={(strokes, png) => void confirm.run(strokes, png)} />
                    </>
                  )}
                </div>
              )}
              {view?.kind === 'paused' && (
                <>
                  <p className="customer-window">{view.windowLabel}</p>
                  <p className="customer-greeting">暂停服务</p>
                  <p className="customer-greeting-en">This window is paused</p>
                  {view.reason && <p className="customer-clerk">{view.reason}</p>}
                </>
              )}
            </>
          )}
        </section>
      </PanelBoundary>
    </Shell>
  );
}
