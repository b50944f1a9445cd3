import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDeviceManager } from '../../src/devices/manager.js';
import { DevicesConfigSchema } from '../../src/shared/terminal-config.js';

const sampleCardsDir = fileURLToPath(new URL('../../resources/idcard/cards', import.meta.url));

describe('the device manager', () => {
  it('builds the printers from the configuration, the main one first, then the fallbacks in order', () => {
    const devices = createDeviceManager(
      DevicesConfigSchema.parse({
        printer: { url: 'tcp://10.0.0.5:9100', profile: '58mm-gbk' },
        fallbackPrinters: [{ url: 'serial:/dev/ttyS0?baud=19200', qr: 'image' }, { url: 'usb:0416:5011' }],
      }),
      { sampleCardsDir },
    );
    expect(devices.printers.map((printer) => printer.id)).toEqual(['main', 'fallback-1', 'fallback-2']);
    expect(devices.printers.map((printer) => printer.profile.encoding)).toEqual(['gbk', 'gb18030', 'gb18030']);
    expect(devices.printers[1]!.profile.qr).toBe('image');
    expect(devices.printers[0]!.state()).toMatchObject({ printerId: 'main', ready: false });
  });

  it('builds the document scanner with its settings, and nothing a terminal has not configured', () => {
    const counter = createDeviceManager(DevicesConfigSchema.parse({ docscan: { device: 'test' } }), { sampleCardsDir });
    expect(counter.docscan?.settings).toEqual({ device: 'test', resolution: 300, mode: 'color' });
    expect(typeof counter.docscan?.scanner.scan).toBe('function');
    const board = createDeviceManager(DevicesConfigSchema.parse({}), { sampleCardsDir });
    expect(board).toMatchObject({ idcard: null, scanner: null, printers: [], docscan: null });
  });
});
