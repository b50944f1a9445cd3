import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createScanner } from '../../../src/devices/scanner/driver.js';
import { createHidPosAssembler, createSerialFramer, hidPosReports } from '../../../src/devices/scanner/protocol.js';
import { hidScannerConnection, serialScannerConnection, type HidReportSource } from '../../../src/devices/scanner/transport.js';
import { serialScanBytes } from '../../../src/devices/scanner/simulator.js';
import { openSerialChannel } from '../../../src/devices/serial/channel.js';
import type { Scan } from '../../../src/shared/scanner.js';
import { openPtyPair } from '../../helpers/pty-pair.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { waitFor } from '../../helpers/wait-for.js';

const tempDir = useTempDir('onewindow-scanner-');
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const PREFILL = 'onewindow:prefill:P7Q2K9 张三 不动产转移登记';

/** Cuts bytes at the given points, as a serial port may deliver them. */
const cut = (bytes: Buffer, points: number[]) => {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  return [...at, bytes.length].map((end, i) => bytes.subarray(i === 0 ? 0 : at[i - 1], end));
};

describe('serial scanner framing', () => {
  it('keeps every code whole, Chinese included, however the bytes are cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 80 }).filter((s) => !/[\r\n]/.test(s))),
        fc.array(fc.nat(), { maxLength: 20 }),
        (texts, points) => {
          const scans: string[] = [];
          const framer = createSerialFramer({ suffix: 'CR', aim: true }, (scan) => scans.push(scan.text));
          for (const piece of cut(Buffer.concat(texts.map((text) => serialScanBytes(text, 'qr'))), points)) framer.push(piece);
          expect(scans).toEqual(texts);
        },
      ),
    );
  });

  it('reads the AIM symbology id, the configured suffix and prefix', () => {
    const scans: Omit<Scan, 'source' | 'at'>[] = [];
    const framer = createSerialFramer({ suffix: 'CRLF', prefix: '#', aim: true }, (scan) => scans.push(scan));
    framer.push(Buffer.from(`#]C06901234567892\r\n#]Q1${PREFILL}\r\n`));
    expect(scans).toEqual([
      { symbology: 'code128', text: '6901234567892' },
      { symbology: 'qr', text: PREFILL },
    ]);
    const plain: string[] = [];
    createSerialFramer({ suffix: 'TAB', aim: false }, (scan) => plain.push(`${scan.symbology}:${scan.text}`)).push(Buffer.from('ABC\t\t'));
    expect(plain).toEqual(['unknown:ABC']);
  });
});

describe('HID POS reports', () => {
  it('reassembles a long code from several reports, UTF-8 split across them', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 400 }), (text) => {
        const scans: Omit<Scan, 'source' | 'at'>[] = [];
        const assembler = createHidPosAssembler((scan) => scans.push(scan));
        for (const report of hidPosReports(text, 'datamatrix')) assembler.push(report);
        expect(scans).toEqual([{ symbology: 'datamatrix', text }]);
      }),
    );
    const reports = hidPosReports('办'.repeat(30), 'qr');
    expect(reports).toHaveLength(2);
    expect(reports[0]![63]).toBe(1);
  });

  it('reports scans and a pulled cable through the scanner service', async () => {
    const listeners: { data?: (report: Buffer) => void; error?: (error: Error) => void } = {};
    const device: HidReportSource = {
      on: (event: 'data' | 'error', listener: never) => void (listeners[event] = listener),
      close: () => undefined,
    };
    const scanner = createScanner({ source: 'hid', open: async () => hidScannerConnection(device), retryMs: 60_000 });
    const scans: Scan[] = [];
    const statuses: boolean[] = [];
    scanner.on('scan', (scan) => scans.push(scan));
    scanner.on('status', (status) => statuses.push(status.connected));
    scanner.start();
    cleanups.push(() => scanner.stop());
    await waitFor(() => scanner.status().connected);
    for (const report of hidPosReports(PREFILL, 'qr')) listeners.data!(report);
    expect(scans).toEqual([{ symbology: 'qr', text: PREFILL, source: 'hid', at: expect.any(String) }]);
    listeners.error!(new Error('could not read from HID device'));
    expect(statuses).toEqual([true, false]);
    expect(scanner.status().message).toMatch(/reconnecting: could not read from HID device/);
  });
});

describe('serial scanner on a pty', () => {
  it('reports what the scanner sends, then the unplug, then scans again once it is back', async () => {
    const dir = tempDir();
    let pair = await openPtyPair(dir, 'scanner');
    const scanner = createScanner({
      source: 'serial',
      open: async () => serialScannerConnection(await openSerialChannel(pair.host, 9600), { suffix: 'CR', aim: true }),
      retryMs: 100,
    });
    const scans: Scan[] = [];
    scanner.on('scan', (scan) => scans.push(scan));
    scanner.start();
    cleanups.push(() => scanner.stop());
    await waitFor(() => scanner.status().connected);
    const device = await openSerialChannel(pair.device, 9600);
    await device.write(serialScanBytes(PREFILL, 'qr'));
    await waitFor(() => scans.length === 1);
    expect(scans[0]).toMatchObject({ symbology: 'qr', text: PREFILL, source: 'serial' });
    await device.close();
    await pair.unplug();
    await waitFor(() => !scanner.status().connected);

    pair = await openPtyPair(dir, 'scanner');
    cleanups.push(() => pair.unplug());
    // Retried every 100 ms; the margin is for a CI machine running other suites' servers meanwhile (it once took over 5 s there).
    await waitFor(() => scanner.status().connected, 15_000);
    const again = await openSerialChannel(pair.device, 9600);
    cleanups.push(() => again.close());
    await again.write(serialScanBytes('6901234567892', 'ean'));
    await waitFor(() => scans.length === 2);
    expect(scans[1]).toMatchObject({ symbology: 'ean', text: '6901234567892' });
  });
});
