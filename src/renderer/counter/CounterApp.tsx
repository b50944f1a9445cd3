import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isCaseQr } from '../../shared/case-reference.js';
import type { CustomerView } from '../../shared/customer-view.js';
import type { OpenedPrefill } from '../../shared/prefill.js';
import { prefillCodeInScan } from '../../shared/prefill.js';
import type { Scan } from '../../shared/scanner.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { IdCardPanel } from '../components/IdCardPanel.js';
import { PanelBoundary } from '../components/PanelBoundary.js';
import { PrintJobsPanel } from '../components/PrintJobsPanel.js';
import { ScannerPanel } from '../components/ScannerPanel.js';
import { Shell } from '../components/Shell.js';
import { SimulatedScan } from '../components/SimulatedScan.js';
import { useHallLink } from '../components/use-link-status.js';
import { registerCatalogue } from '../i18n/index.js';
import { counter as enCounter } from '../i18n/en/counter.js';
import { counter as zhCounter } from '../i18n/zh-CN/counter.js';
import { useEvent, useQuery } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
import { useScans } from '../scanner/useScans.js';
import { CasesPanel } from './CasesPanel.js';
import { IntakePanel } from './intake/IntakePanel.js';
import { PickupPanel } from './PickupPanel.js';
import { PrefillPanel } from './PrefillPanel.js';
import { QueuePanel } from './QueuePanel.js';
import { SideTabs, type SideTab } from './SideTabs.js';
import { useButtonShortcuts } from './shortcuts.js';
import { useVisit } from './use-visit.js';
import './counter.css';

registerCatalogue('counter', zhCounter, enCounter);

/**
 * The counter workstation on one 1920×1080 screen: calling and the waiting list on the left, the
 * intake flow in the middle, the devices and the customer screen on the right with cases, 出件 and
 * pre-filled applications in tabs below them. Each column scrolls inside itself; the page never does.
 */
export default function CounterApp() {
  const { t } = useTranslation('counter');
  const hello = useQuery('system.hello', {});
  const queues = useQuery('queue.list', {}, { refreshOn: ['hall.event', 'hall.resync'] });
  const hallLink = useHallLink();
  const current = useQuery('display.getCustomerView', {});
  const [pushed, setPushed] = useState<CustomerView>();
  const [issued, setIssued] = useState<string>();
  useEvent('display.customerView', setPushed);
  const view = pushed ?? current.data;
  const windowLabel = hello.data?.windowLabel ?? '';
  useButtonShortcuts();
  /** A new number called or a new clerk: the intake, its banners and the shown card start afresh. */
  const visit = useVisit(hello.data?.windowNumber ?? undefined);
  const [tab, setTab] = useState<SideTab>('cases');
  const [lastScan, setLastScan] = useState<Scan>();
  const [prefillScan, setPrefillScan] = useState<{ code: string; at: number }>();
  const [prefill, setPrefill] = useState<{ visit: string; opened: OpenedPrefill }>();
  const [receiptScan, setReceiptScan] = useState<{ reference: string; at: number }>();
  /** The page's one reader of scans: a pre-fill slip's QR opens it, a receipt's goes to 出件; every scan shows in the scanner panel. */
  const scanner = useScans((scan) => {
    setLastScan(scan);
    const code = prefillCodeInScan(scan.text);
    if (code) {
      setPrefillScan({ code, at: Date.now() });
      setTab('prefill');
    } else if (isCaseQr(scan.text)) {
      setReceiptScan({ reference: scan.text, at: Date.now() });
      setTab('pickup');
    }
  });

  /** For a citizen who cannot use the kiosk: the clerk issues the number and it prints at the counter. */
  const issue = useCall((host, queueId: string) => host.create('queue.takeTicket', { queueId }), {
    onAnswer: (ticket) =>
      setIssued(t(ticket.print ? 'issued' : 'issuedNoPrinter', { number: ticket.ticketNumber, queue: ticket.queueName })),
  });

  return (
    <Shell title={t('windowTitle', { window: windowLabel })}>
      <ErrorBanner message={issue.error ?? queues.error} onDismiss={issue.error ? issue.dismiss : undefined} />
      <div className="workstation">
        <div className="workstation-column workstation-left">
          {hello.data?.windowNumber != null && (
            <PanelBoundary part={t('queue.title')}>
              <QueuePanel key={visit.clerkKey} windowNumber={hello.data.windowNumber} />
            </PanelBoundary>
          )}
          <PanelBoundary part={t('waiting.title')}>
            <section className="panel" aria-labelledby="waiting-title">
              <h2 id="waiting-title">{t('waiting.title')}</h2>
              <table className="data-table waiting-table">
                <thead>
                  <tr>
                    <th scope="col">{t('waiting.queue')}</th>
                    <th scope="col">{t('waiting.count')}</th>
                    <th scope="col">{t('waiting.issue')}</th>
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
                          className="ds-button ds-button-secondary"
                          // Only the hall gives a counter numbers; offline the panel above says calling waits for it too.
                          disabled={hallLink === 'offline'}
                          onClick={() => void issue.run(queue.id)}
                          aria-label={t('waiting.issueLabel', { queue: queue.name })}
                        >
                          {t('waiting.issueButton')}
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
        </div>
        <div className="workstation-column workstation-middle">
          <PanelBoundary part={t('intake.title')}>
            <IntakePanel key={visit.key} prefill={prefill?.visit === visit.key ? prefill.opened : undefined} />
          </PanelBoundary>
        </div>
        <div className="workstation-column workstation-right">
          <section className="panel devices" aria-label={t('devices.title')}>
            <p data-testid="customer-view-state" className="device-line" data-view={view?.kind}>
              {t('customer.showing', { view: view ? t(`customer.${view.kind}`) : t('customer.unknown') })}
            </p>
            <PanelBoundary part={t('devices.idCard')}>
              <IdCardPanel key={visit.key} />
            </PanelBoundary>
            <PanelBoundary part={t('scanner.title')}>
              <ScannerPanel initial={scanner} last={lastScan} />
              <SimulatedScan scanner={scanner.data} />
            </PanelBoundary>
            <PanelBoundary part={t('printing.title')}>
              <PrintJobsPanel />
            </PanelBoundary>
            <p className="device-line muted">{t('devices.cameraLine')}</p>
          </section>
          <SideTabs current={tab} onSelect={setTab}>
            {{
              cases: (
                <PanelBoundary part={t('cases.title')}>
                  <CasesPanel />
                </PanelBoundary>
              ),
              pickup: (
                <PanelBoundary part={t('pickup.title')}>
                  <PickupPanel scannedReference={receiptScan} />
                </PanelBoundary>
              ),
              prefill: (
                <PanelBoundary part={t('prefill.title')}>
                  <PrefillPanel scannedCode={prefillScan} onOpened={(opened) => setPrefill({ visit: visit.key, opened })} />
                </PanelBoundary>
              ),
            }}
          </SideTabs>
        </div>
      </div>
    </Shell>
  );
}
