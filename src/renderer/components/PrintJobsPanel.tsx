import { useTranslation } from 'react-i18next';
import { useLocalise } from '../i18n/index.js';
import { useQuery } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
import { ErrorBanner } from './ErrorBanner.js';

const STATE = { queued: 'printing.queued', printing: 'printing.printing', done: 'printing.done', failed: 'printing.failed' } as const;

/** The counter's print jobs with their state and a reprint button; the printers' state on top. */
export function PrintJobsPanel() {
  const { t } = useTranslation('counter');
  const localise = useLocalise();
  /** The host names its printers main, fallback-1…; the clerk knows them as the printer and the spare ones. */
  const printerName = (printerId: string) =>
    printerId === 'main' ? t('printing.printer') : t('printing.spare', { n: printerId.replace(/^fallback-/, '') });
  const jobs = useQuery('printer.jobs', { limit: 8 }, { refreshOn: ['printer.job'] });
  const printers = useQuery('printer.status', {}, { refreshOn: ['printer.status'] });
  const reprint = useCall((host, jobId: string) => host.invoke('printer.reprint', { jobId }));
  if (jobs.error && !jobs.data) return null;
  return (
    <section className="panel print-jobs" aria-label={t('printing.title')}>
      <h2>{t('printing.title')}</h2>
      {printers.data?.printers.map((printer) => (
        <p key={printer.printerId} className={printer.ready ? 'idcard-state' : 'idcard-state idcard-state-bad'}>
          {t('printing.printerLine', { name: printerName(printer.printerId), message: localise(printer.message) })}
        </p>
      ))}
      <ErrorBanner inline message={reprint.error} />
      <ul className="job-list">
        {jobs.data?.jobs.map((job) => (
          <li key={job.id} data-job-state={job.state}>
            <span>{job.summary}</span>
            <span>{t(STATE[job.state])}</span>
            <button type="button" className="ds-button ds-button-quiet" onClick={() => void reprint.run(job.id)}>
              {t('printing.reprint')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
