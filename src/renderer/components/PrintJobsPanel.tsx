import { useQuery } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
import { ErrorBanner } from './ErrorBanner.js';

const STATE: Record<string, string> = { queued: '等待打印', printing: '打印中', done: '已打印', failed: '未打印' };

/** The host names its printers main, fallback-1…; the clerk knows them as the printer and the spare ones. */
const printerName = (printerId: string) => (printerId === 'main' ? '打印机' : `备用打印机 ${printerId.replace(/^fallback-/, '')}`);

/** The counter's print jobs with their state and a reprint button; the printers' state on top. */
export function PrintJobsPanel() {
  const jobs = useQuery('printer.jobs', { limit: 8 }, { refreshOn: ['printer.job'] });
  const printers = useQuery('printer.status', {}, { refreshOn: ['printer.status'] });
  const reprint = useCall((host, jobId: string) => host.invoke('printer.reprint', { jobId }));
  if (jobs.error && !jobs.data) return null;
  return (
    <section className="panel print-jobs" aria-label="打印 Printing">
      <h2>打印 Printing</h2>
      {printers.data?.printers.map((printer) => (
        <p key={printer.printerId} className={printer.ready ? 'idcard-state' : 'idcard-state idcard-state-bad'}>
          {printerName(printer.printerId)}：{printer.message}
        </p>
      ))}
      <ErrorBanner inline message={reprint.error} />
      <ul className="job-list">
        {jobs.data?.jobs.map((job) => (
          <li key={job.id} data-job-state={job.state}>
            <span>{job.summary}</span>
            <span>{STATE[job.state]}</span>
            <button type="button" onClick={() => void reprint.run(job.id)}>
              重打 Reprint
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
