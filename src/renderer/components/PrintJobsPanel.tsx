import { useState } from 'react';
import { useQuery, useRpc } from '../rpc/hooks.js';

const STATE: Record<string, string> = { queued: '等待打印', printing: '打印中', done: '已打印', failed: '未打印' };

/** The host names its printers main, fallback-1…; the clerk knows them as the printer and the spare ones. */
const printerName = (printerId: string) => (printerId === 'main' ? '打印机' : `备用打印机 ${printerId.replace(/^fallback-/, '')}`);

/** The counter's print jobs with their state and a reprint button; the printers' state on top. */
export function PrintJobsPanel() {
  const rpc = useRpc();
  const jobs = useQuery('printer.jobs', { limit: 8 }, { refreshOn: ['printer.job'] });
  const printers = useQuery('printer.status', {}, { refreshOn: ['printer.status'] });
  const [error, setError] = useState<string>();
  if (jobs.error && !jobs.data) return null;
  return (
    <section className="panel print-jobs" aria-label="打印 Printing">
      <h2>打印 Printing</h2>
      {printers.data?.printers.map((printer) => (
        <p key={printer.printerId} className={printer.ready ? 'idcard-state' : 'idcard-state idcard-state-bad'}>
          {printerName(printer.printerId)}：{printer.message}
        </p>
      ))}
      {error && (
        <p className="idcard-error" role="alert">
          {error}
        </p>
      )}
      <ul className="job-list">
        {jobs.data?.jobs.map((job) => (
          <li key={job.id} data-job-state={job.state}>
            <span>{job.summary}</span>
            <span>{STATE[job.state]}</span>
            <button type="button" onClick={() => void rpc.invoke('printer.reprint', { jobId: job.id }).catch((e: Error) => setError(e.message))}>
              重打 Reprint
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
