import { useCallback, useEffect, useState } from 'react';
import type { PrintJobView } from '../../shared/printing.js';
import { useEvent, useRpc } from '../rpc/hooks.js';

/**
 * Under the number on the kiosk: whether the ticket is printing, printed, or cannot be — and then the
 * citizen is told to remember the number, which stays on screen. Shows the slip as printed.
 */
export function TicketPrintStatus({ job, ticketNumber }: { job: PrintJobView | null; ticketNumber: string }) {
  const rpc = useRpc();
  const [current, setCurrent] = useState(job);
  const [svg, setSvg] = useState<string>();
  useEvent(
    'printer.job',
    useCallback((update: PrintJobView) => setCurrent((mine) => (mine && update.id === mine.id ? update : mine)), []),
  );
  useEffect(() => {
    if (!job) return;
    // The job may have printed before this component listened: ask where it stands now.
    rpc.invoke('printer.job', { jobId: job.id }).then(setCurrent, () => undefined);
    rpc.invoke('printer.preview', { jobId: job.id }).then(
      (preview) => setSvg(preview.svg),
      () => setSvg(undefined),
    );
  }, [rpc, job]);

  if (!current) {
    return <p className="print-status print-status-bad">本机未连接打印机，请记住您的号码 {ticketNumber} / No printer here: please remember your number</p>;
  }
  let text: string;
  let tone = 'ok';
  if (current.state === 'done') text = '请取走号票 Please take your ticket';
  else if (current.state === 'failed' || current.error) {
    tone = 'bad';
    text = `号票暂时无法打印（${current.error?.split(' / ')[0] ?? '打印机故障'}），请记住您的号码 ${ticketNumber} / The ticket cannot be printed now: please remember your number`;
  } else text = '正在打印号票… Printing your ticket';
  return (
    <div className="print-status-block">
      <p className={`print-status print-status-${tone}`} role="status" data-print-state={current.error ? 'error' : current.state}>
        {text}
      </p>
      {svg && <img className="ticket-preview" alt={`号票 ${ticketNumber}`} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} />}
    </div>
  );
}
