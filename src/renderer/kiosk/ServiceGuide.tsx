import { useState } from 'react';
import type { CatalogHit } from '../../shared/contract-catalog.js';
import type { GuideTarget } from '../../shared/guide-document.js';
import type { PrintJobView } from '../../shared/printing.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useQuery } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
import { CatalogPicker } from './CatalogPicker.js';

export const targetOf = (hit: CatalogHit): GuideTarget =>
  hit.kind === 'item' ? { kind: 'item', code: hit.code } : { kind: 'bundle', id: hit.code };

/** One 办事指南 on screen, as the A4 page and the slip have it, with a print button. */
function GuideView({ target, onBack }: { target: GuideTarget; onBack(): void }) {
  const guide = useQuery('catalog.guideContent', target);
  const content = guide.data;
  const [printed, setPrinted] = useState<PrintJobView | 'none'>();
  const print = useCall((host) => host.invoke('catalog.printGuide', target), { onAnswer: (job) => setPrinted(job ?? 'none') });

  return (
    <article className="guide" aria-labelledby="guide-title">
      <ErrorBanner message={print.error ?? guide.error} />
      {content && (
        <>
          <h2 id="guide-title">{content.title} 办事指南</h2>
          {content.sample && <p className="sample-note">示例事项库，仅供演示 / Sample catalog</p>}
          <dl className="guide-facts">
            <dt>办理窗口</dt>
            <dd>{content.windows.join('、')}</dd>
            <dt>办理时限</dt>
            <dd>{content.timeLimit}</dd>
            <dt>收费</dt>
            <dd>{content.fees.length ? content.fees.join('；') : '不收费'}</dd>
            <dt>办理流程</dt>
            <dd>{content.flow}</dd>
          </dl>
          <h3>请携带的材料 What to bring</h3>
          <ol className="guide-materials">
            {content.materials.map((material) => (
              <li key={material.name}>
                <strong>{material.name}</strong>（{material.form}
                {material.count > 1 ? ` ${material.count}份` : ''}）{material.conditional && <span className="badge">视情形</span>}
                <br />
                <small>
                  {material.requirements} · {material.source}
                </small>
              </li>
            ))}
          </ol>
          {content.notes.length > 0 && (
            <>
              <h3>温馨提示 Notes</h3>
              <ul>
                {content.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <div className="button-row">
        <button type="button" onClick={onBack}>
          ← 返回查找 Back
        </button>
        <button type="button" className="primary" onClick={() => void print.run()} disabled={!content}>
          打印指南 Print the guide
        </button>
      </div>
      {printed !== undefined && (
        <p role="status" className="print-status">
          {printed === 'none'
            ? '本机未连接打印机，请拍照或记下所需材料 / No printer here'
            : printed.error
              ? `暂时无法打印：${printed.error}`
              : '正在打印，请取走指南 / Printing'}
        </p>
      )}
    </article>
  );
}

/** 办事指南: find an item or a 一件事 and read what it takes. */
export default function ServiceGuide() {
  const [target, setTarget] = useState<GuideTarget>();
  if (target) return <GuideView target={target} onBack={() => setTarget(undefined)} />;
  return (
    <section aria-label="查找事项 Find a service">
      <h2 className="prompt">您要办什么事？ What do you need to do?</h2>
      <CatalogPicker onPick={(hit) => setTarget(targetOf(hit))} />
    </section>
  );
}
