import { useState } from 'react';
import type { CustomerView } from '../../shared/customer-view.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { IdCardPanel } from '../components/IdCardPanel.js';
import { PanelBoundary } from '../components/PanelBoundary.js';
import { PrintJobsPanel } from '../components/PrintJobsPanel.js';
import { ScannerPanel } from '../components/ScannerPanel.js';
import { Shell } from '../components/Shell.js';
import { SimulatedScan } from '../components/SimulatedScan.js';
import { useEvent, useQuery } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
import { isCaseQr } from '../../shared/case-reference.js';
import { prefillCodeInScan } from '../../shared/prefill.js';
import type { Scan } from '../../shared/scanner.js';
import { useScans } from '../scanner/useScans.js';
import type { OpenedPrefill } from '../../shared/prefill.js';
import { CasesPanel } from './CasesPanel.js';
import { IntakePanel } from './IntakePanel.js';
import { PickupPanel } from './PickupPanel.js';
import { SHORTCUTS, useButtonShortcuts } from './shortcuts.js';
import { PrefillPanel } from './PrefillPanel.js';
import { QueuePanel } from './QueuePanel.js';

const CUSTOMER_VIEWS: Record<CustomerView['kind'], string> = {
  welcome: '欢迎 Welcome',
  paused: '暂停服务 Paused',
  review: '请申请人核对签名 Review',
  accepted: '已受理 Accepted',
  rating: '服务评价 Rating',
};

export default function CounterApp() {
  const hello = useQuery('system.hello', {});
  const queues = useQuery('queue.list', {}, { refreshOn: ['hall.event', 'hall.resync'] });
  const current = useQuery('display.getCustomerView', {});
  const [pushed, setPushed] = useState<CustomerView>();
  const [issued, setIssued] = useState<string>();
  useEvent('display.customerView', setPushed);
  const view = pushed ?? current.data;
  const windowLabel = hello.data?.windowLabel ?? '';
  useButtonShortcuts();
  const [lastScan, setLastScan] = useState<Scan>();
  const [prefillScan, setPrefillScan] = useState<{ code: string; at: number }>();
  const [prefill, setPrefill] = useState<OpenedPrefill>();
  const [receiptScan, setReceiptScan] = useState<{ reference: string; at: number }>();
  /** The page's one reader of scans: a pre-fill slip's QR opens it; every scan shows in the scanner panel. */
  const scanner = useScans((scan) => {
    setLastScan(scan);
    const code = prefillCodeInScan(scan.text);
    if (code) setPrefillScan({ code, at: Date.now() });
    else if (isCaseQr(scan.text)) setReceiptScan({ reference: scan.text, at: Date.now() });
  });

  /** For a citizen who cannot use the kiosk: the clerk issues the number and it prints at the counter. */
  const issue = useCall((host, queueId: string) => host.create('queue.takeTicket', { queueId }), {
    onAnswer: (ticket) =>
      setIssued(`已取号 ${ticket.ticketNumber}（${ticket.queueName}）${ticket.print ? '' : '，本窗口无打印机，请告知群众号码'}`),
  });

  return (
    <Shell title={`窗口受理 ${windowLabel}`}>
      <ErrorBanner message={issue.error ?? queues.error} onDismiss={issue.error ? issue.dismiss : undefined} />
      <p className="shortcut-legend" aria-label="快捷键 Shortcuts">
        {SHORTCUTS.map(([key, action]) => (
          <span key={key}>
            <kbd>{key}</kbd> {action}
          </span>
        ))}
      </p>
      {hello.data?.windowNumber != null && (
        <PanelBoundary part="叫号">
          <QueuePanel windowNumber={hello.data.windowNumber} />
        </PanelBoundary>
      )}
      <div className="counter-layout">
        <PanelBoundary part="等候情况">
          <section className="panel" aria-labelledby="waiting-title">
            <h2 id="waiting-title">等候情况 Waiting</h2>
            <table className="waiting-table">
              <thead>
                <tr>
                  <th scope="col">业务 Queue</th>
                  <th scope="col">等候 Waiting</th>
                  <th scope="col">代取号 Issue</th>
                </tr>
              </thead>
              <tbody>
                {queues.data?.queues.map((queue) => (
                  <tr key={queue.id}>
                    <td>
                      {queue.prefix} · {queue.name}
                    </td>
                    <td className="number">{queue.waiting}</td>
                    <td>
                      <button
                        type="button"
                        className="small"
                        onClick={() => void issue.run(queue.id)}
                        aria-label={`取号 为群众取${queue.name}号`}
                      >
                        取号
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {issued && (
              <p className="print-status print-status-ok" role="status">
                {issued}
              </p>
            )}
          </section>
        </PanelBoundary>
        <PanelBoundary part="客户屏">
          <section className="panel" aria-labelledby="customer-title">
            <h2 id="customer-title">客户屏 Customer screen</h2>
            <p data-testid="customer-view-state">
              当前显示 Showing: {view ? CUSTOMER_VIEWS[view.kind] : '…'}
              <br />
              <small className="muted">
                暂停和恢复服务请用“叫号”中的按钮，客户屏随之显示 / Pause the window under 叫号; this screen follows it
              </small>
            </p>
            <PanelBoundary part="身份证">
              <IdCardPanel />
            </PanelBoundary>
            <PanelBoundary part="扫码">
              <ScannerPanel initial={scanner} last={lastScan} />
              <SimulatedScan scanner={scanner.data} />
            </PanelBoundary>
            <PanelBoundary part="打印">
              <PrintJobsPanel />
            </PanelBoundary>
          </section>
        </PanelBoundary>
        <PanelBoundary part="预填单">
          <PrefillPanel scannedCode={prefillScan} onOpened={setPrefill} />
        </PanelBoundary>
        <PanelBoundary part="办件与同步">
          <CasesPanel />
        </PanelBoundary>
        <PanelBoundary part="出件">
          <PickupPanel scannedReference={receiptScan} />
        </PanelBoundary>
        <PanelBoundary part="受理">
          <IntakePanel prefill={prefill} />
        </PanelBoundary>
      </div>
    </Shell>
  );
}
