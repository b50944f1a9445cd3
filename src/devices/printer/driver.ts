import { Emitter } from '../events.js';
import type { PrintDocument } from './document.js';
import type { PrinterProfile } from './profiles.js';
import { encodeEscPos } from './protocol.js';
import { canPrint, describeStatus } from './status.js';
import { openPrinter, parsePrinterUrl, type PrinterAddress, type PrinterConnection } from './transport.js';

export interface PrinterState {
  printerId: string;
  ready: boolean;
  message: string;
  /** False until the printer was first used. */
  checked: boolean;
}

export interface PrinterDriverOptions {
  id: string;
  /** `tcp://HOST:PORT`, `serial:PATH[?baud=N]` or `usb:VID:PID`. */
  url: string;
  profile: PrinterProfile;
  statusTimeoutMs?: number;
  open?: (address: PrinterAddress) => Promise<PrinterConnection>;
}

export interface PrinterDriver extends Emitter<{ state: PrinterState }> {
  readonly id: string;
  readonly profile: PrinterProfile;
  /**
   * One use of the printer: connect, read its status and report it, then — when there is a document and
   * the status allows — send it. Null when it went well, else why it could not.
   */
  use(document?: PrintDocument): Promise<string | null>;
  /** What the printer said last; "not checked yet" before its first use. */
  state(): PrinterState;
}

/** A receipt printer on one connection, opened for each job and closed after it, so a stale link never blocks the next. */
export function createPrinterDriver(options: PrinterDriverOptions): PrinterDriver {
  const statusTimeoutMs = options.statusTimeoutMs ?? 1500;
  const open = options.open ?? ((address: PrinterAddress) => openPrinter(address));
  const emitter = new Emitter<{ state: PrinterState }>();
  let current: PrinterState = { printerId: options.id, ready: false, message: '尚未检测 / not checked yet', checked: false };

  function report(ready: boolean, message: string): void {
    if (current.checked && current.ready === ready && current.message === message) return;
    current = { printerId: options.id, ready, message, checked: true };
    emitter.emit('state', current);
  }

  async function use(document?: PrintDocument): Promise<string | null> {
    let connection: PrinterConnection | null = null;
    try {
      connection = await open(parsePrinterUrl(options.url));
      const status = await connection.status(statusTimeoutMs);
      const words = status ? describeStatus(status) : { zh: '已连接（不支持状态回读）', en: 'connected (no status read-back)' };
      const message = `${words.zh} / ${words.en}`;
      if (status && !canPrint(status)) {
        report(false, message);
        return message;
      }
      if (document) await connection.write(encodeEscPos(document, options.profile));
      report(true, message);
      return null;
    } catch (error) {
      const message = (error as Error).message;
      report(false, message);
      return message;
    } finally {
      await connection?.close().catch(() => undefined);
    }
  }

  return Object.assign(emitter, { id: options.id, profile: options.profile, use, state: () => current });
}
