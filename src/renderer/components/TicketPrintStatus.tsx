import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintJobView } from '../../shared/printing.js';
import { useEvent, useQuery } from '../rpc/hooks.js';
import './kiosk-catalogue.js';

/** What is printing: the ticket and its number, or the pre-fill slip and its code. */
export type Slip = 'ticket' | 'prefill';

/**
 * Under the number on the kiosk: whether the slip is printing, printed, or cannot be — and then the
 * citizen is told to remember the number, which stays on screen. Shows the slip as printed.
 */
export function TicketPrintStatus({ job, ticketNumber, slip = 'ticket' }: { job: PrintJobView | null; ticketNumber: string; slip?: Slip }) {
  const { t } = useTranslation('kiosk');
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
  const number = ticketNumber;

  if (!current) return <p className="print-status print-status-bad">{t(`printStatus.${slip}.none`, { number })}</p>;
  let text: string;
  let tone = 'ok';
  if (current.state === 'done') text = t(`printStatus.${slip}.done`);
  else if (current.state === 'failed' || current.error) {
    // The printer's own words (paper, cover, its address) are not for a citizen, who can do nothing about them.
    tone = 'bad';
    text = t(`printStatus.${slip}.failed`, { number });
  } else text = t(`printStatus.${slip}.printing`);
  return (
    <div className="print-status-block">
      <p className={`print-status print-status-${tone}`} role="status" data-print-state={current.error ? 'error' : current.state}>
        {tone === 'ok' && current.state !== 'done' && <span className="kiosk-spinner" aria-hidden="true" />}
        {text}
      </p>
      {svg && (
        <img
          className="ticket-preview"
          alt={t(`printStatus.${slip}.picture`, { number })}
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
        />
      )}
    </div>
  );
}
