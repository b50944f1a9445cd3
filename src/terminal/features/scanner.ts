import type { scannerMethods } from '../../shared/contract-scanner.js';
import type { FeatureContext } from './context.js';
import { guarded, present, type Feature } from './feature.js';

/** The QR/barcode scanner: its scans and status to the pages, and 模拟扫码 on a simulated one. */
export function scannerFeature(ctx: FeatureContext): Feature<keyof typeof scannerMethods> {
  const { devices, config } = ctx;
  const mode = devices.simulatedScanner ? ('simulated' as const) : ('host' as const);
  devices.scanner?.on('scan', (scan) => ctx.emit('scanner.scan', scan));
  devices.scanner?.on('status', (status) => ctx.emit('scanner.status', { mode, ...status }));
  const simulated = present(devices.simulatedScanner, '本终端不是模拟扫码枪 / this terminal has no simulated scanner');
  return {
    name: 'scanner',
    handlers: {
      'scanner.status': () => {
        if (devices.scanner) return { mode, ...devices.scanner.status() };
        return config.devices.scanner?.kind === 'wedge'
          ? { mode: 'wedge' as const, connected: null, message: '键盘模式扫码枪由页面读取 / a keyboard-wedge scanner is read by the page' }
          : { mode: 'none' as const, connected: null, message: '本终端未配置扫码枪 / no scanner is configured' };
      },
      ...guarded(simulated, {
        'scanner.simulate': async ({ text, symbology }, scanner) => {
          await scanner.scan(text, symbology);
          return {};
        },
        'scanner.demoCodes': () => ({ codes: ctx.options.demoCodes?.() ?? [] }),
      }),
    },
  };
}
