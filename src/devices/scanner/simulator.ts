import { aimPrefix, type Scan } from '../../shared/scanner.js';
import { createChannelPair } from '../serial/channel.js';
import { serialScannerConnection, type ScannerConnection } from './transport.js';

/** The bytes a serial scanner sends for one code: AIM id, UTF-8 text, CR. */
export function serialScanBytes(text: string, symbology: Scan['symbology'] = 'qr'): Buffer {
  return Buffer.from(`${aimPrefix(symbology)}${text}\r`, 'utf8');
}

/**
 * A scanner in the same process, for the demo and tests: it speaks the serial scanner's bytes over an
 * in-process channel, in two pieces as a real port often delivers them.
 */
export function createSimulatedScanner() {
  let device: ReturnType<typeof createChannelPair>[1] | null = null;
  return {
    async open(): Promise<ScannerConnection> {
      const [host, peer] = createChannelPair();
      device = peer;
      return serialScannerConnection(host, { suffix: 'CR', aim: true });
    },
    async scan(text: string, symbology: Scan['symbology'] = 'qr'): Promise<void> {
      if (!device?.isOpen) throw new Error('模拟扫码枪未连接 / the simulated scanner is not connected');
      const bytes = serialScanBytes(text, symbology);
      const cut = Math.max(1, Math.floor(bytes.length / 2));
      await device.write(bytes.subarray(0, cut));
      await device.write(bytes.subarray(cut));
    },
  };
}
