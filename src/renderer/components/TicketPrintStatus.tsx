import { useCallback, useState } from 'react';
import type { PrintJobView } from '../../shared/printing.js';
import { useEvent, useQuery } from '../rpc/hooks.js';

/** What is printing: the ticket and its number, or another slip and the code on it. */
export interface SlipWords {
  zh: string;
  en: string;
  /** 号码, 预填码: what the citizen must remember when it does not print. */
  numberZh: string;
  numberEn: string;
}
const TICKET: SlipWords = { zh: '号票', en: 'ticket', numberZh: '号码', numberEn: 'number' };

/**
 * Under the number on the kiosk: whether the slip is printing, printed, or cannot be — and then the
 * citizen is told to remember the number, which stays on screen. Shows the slip as printed.
 */
export function TicketPrintStatus({
  job,
  ticketNumber,
  slip = TICKET,
}: {
  job: PrintJobView | null;
  ticketNumber: string;
  slip?: SlipWords;
}) {
  // The job may have printed before this component listened: ask where it stands now.
  const asked = useQuery('printer.job', job && { jobId: job.id });
  const preview = useQuery('printer.preview', job && { jobId: job.id });
  const [pushed, setPushed] = useState<PrintJobView>();
  useEvent(
    'printer.job',
    useCallback(
      (update: PrintJobView) => {
        if (update.id === job?.id) setPushed(update);
      },
      [job],
    ),
  );
  const current = (job && [pushed, asked.data].find((known) => known?.id === job.id)) ?? job;
  const svg = preview.error ? undefined : preview.data?.svg;

  if (!current) {
    return (
      <p className="print-status print-status-bad">
        本机未连接打印机，请记住您的{slip.numberZh} {ticketNumber} / No printer here: please remember your {slip.numberEn}
      </p>
    );
  }
  let text: string;
  let tone = 'ok';
  if (current.state === 'done') text = `请取走${slip.zh} Please take your ${slip.en}`;
  else if (current.state === 'failed' || current.error) {
    tone = 'bad';
    text = `${slip.zh}暂时无法打印（${current.error?.split(' / ')[0] ?? '打印机故障'}），请记住您的${slip.numberZh} ${ticketNumber} / The ${slip.en} cannot be printed now: please remember your ${slip.numberEn}`;
  } else text = `正在打印${slip.zh}… Printing your ${slip.en}`;
  return (
    <div className="print-status-block">
      <p className={`print-status print-status-${tone}`} role="status" data-print-state={current.error ? 'error' : current.state}>
        {text}
      </p>
      {svg && (
        <img
          className="ticket-preview"
          alt={`${slip.zh} ${ticketNumber}`}
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
        />
      )}
    </div>
  );
}
