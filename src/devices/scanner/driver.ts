import type { Scan } from '../../shared/scanner.js';
import { Emitter } from '../events.js';
import type { ScannerConnection } from './transport.js';

export interface ScannerStatus {
  connected: boolean;
  message: string;
}

/**
 * A scanner that stays connected: when the link closes (unplugged), it says so and opens again every
 * `retryMs`, so plugging the scanner back in is all a clerk has to do.
 */
export function createScanner(options: {
  source: Scan['source'];
  open: () => Promise<ScannerConnection>;
  retryMs?: number;
  now?: () => Date;
}) {
  const events = new Emitter<{ scan: Scan; status: ScannerStatus }>();
  let status: ScannerStatus = { connected: false, message: '扫码枪未连接 / the scanner is not connected' };
  let connection: ScannerConnection | null = null;
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  const setStatus = (next: ScannerStatus) => {
    if (next.connected === status.connected && next.message === status.message) return;
    status = next;
    events.emit('status', status);
  };

  async function connect(): Promise<void> {
    timer = null;
    if (!running) return;
    try {
      const opened = await options.open();
      if (!running) return void (await opened.close());
      connection = opened;
      opened.onScan((scan) => events.emit('scan', { ...scan, source: options.source, at: (options.now?.() ?? new Date()).toISOString() }));
      opened.onClose((error) => {
        connection = null;
        setStatus({
          connected: false,
          message: `扫码枪已断开，正在重连 / the scanner went away, reconnecting${error ? `: ${error.message}` : ''}`,
        });
        if (running) timer = setTimeout(() => void connect(), options.retryMs ?? 2000);
      });
      setStatus({ connected: true, message: '扫码枪就绪 / the scanner is ready' });
    } catch (error) {
      setStatus({ connected: false, message: (error as Error).message });
      timer = setTimeout(() => void connect(), options.retryMs ?? 2000);
    }
  }

  return {
    on: events.on.bind(events),
    status: () => status,
    start(): void {
      running = true;
      void connect();
    },
    async stop(): Promise<void> {
      running = false;
      if (timer) clearTimeout(timer);
      await connection?.close();
    },
  };
}
export type Scanner = ReturnType<typeof createScanner>;
