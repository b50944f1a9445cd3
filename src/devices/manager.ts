import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { IdCard } from '../shared/idcard.js';
import type { TerminalConfig } from '../shared/terminal-config.js';
import { createSaneScanner, type DocumentScanner } from './docscan/driver.js';
import { createIdCardReader, type IdCardReader } from './idcard/driver.js';
import { SimulatorCardSchema } from './idcard/simulator.js';
import { InProcessReader } from './idcard/transport.js';
import { loadWltLibrary } from './idcard/wlt-ffi.js';
import { createPrinterDriver, type PrinterDriver } from './printer/driver.js';
import { printerProfile } from './printer/profiles.js';
import { createScanner, type Scanner } from './scanner/driver.js';
import { createSimulatedScanner } from './scanner/simulator.js';
import { hidScannerConnection, openHidPosDevice, serialScannerConnection } from './scanner/transport.js';
import { openSerialChannel } from './serial/channel.js';
import { createWindowDisplay, type WindowDisplay } from './window-display/driver.js';
import { createSimulatedWindowDisplay } from './window-display/simulator.js';
import { serialDisplayChannel } from './window-display/transport.js';

export interface SimulatedIdCardReader {
  /** The sample cards a demo or test can place, by file name without .json. */
  readonly samples: Record<string, IdCard>;
  place(sample: string): void;
  remove(): void;
}

export interface DeviceManager {
  idcard: IdCardReader | null;
  simulatedIdcard: SimulatedIdCardReader | null;
  /** A serial, HID POS or simulated scanner; a keyboard-wedge scanner is the renderer's. */
  scanner: Scanner | null;
  simulatedScanner: ReturnType<typeof createSimulatedScanner> | null;
  /** The receipt printers, the main one first, then the fallbacks in the order a job tries them. */
  printers: PrinterDriver[];
  /** The counter's document scanner and the settings it scans with. */
  docscan: { scanner: DocumentScanner; settings: NonNullable<TerminalConfig['devices']['docscan']> } | null;
  /** The LED strip over the counter's window. */
  windowDisplay: WindowDisplay | null;
  simulatedWindowDisplay: ReturnType<typeof createSimulatedWindowDisplay> | null;
  start(): void;
  stop(): Promise<void>;
}

export interface DeviceManagerOptions {
  /** Where the simulator's sample cards are (resources/idcard/cards). */
  sampleCardsDir: string;
  /** The terminal's data directory, where a simulated window display writes what it shows; ":memory:" for none. */
  dataDir?: string;
  onPhotoDecodeError?(error: unknown): void;
}

/** Builds a terminal's devices from its configuration: real drivers on real ports, or simulators that speak the same bytes. */
export function createDeviceManager(devices: TerminalConfig['devices'], options: DeviceManagerOptions): DeviceManager {
  let idcard: IdCardReader | null = null;
  let simulatedIdcard: SimulatedIdCardReader | null = null;
  const config = devices.idcard;
  if (config) {
    let openChannel;
    if (config.kind === 'serial') {
      openChannel = () => openSerialChannel(config.port, config.baud);
    } else {
      const device = new InProcessReader();
      const samples = loadSampleCards(options.sampleCardsDir);
      simulatedIdcard = {
        samples,
        place(sample) {
          const card = samples[sample];
          if (!card) throw new Error(`no sample card named ${sample}`);
          device.removeCard();
          device.placeCard(card);
        },
        remove: () => device.removeCard(),
      };
      openChannel = device.openChannel;
    }
    idcard = createIdCardReader({
      openChannel,
      pollIntervalMs: config.pollIntervalMs,
      readFingerprint: config.fingerprint,
      photoDecoder: config.wltDecoder && loadWltLibrary(config.wltDecoder),
      onPhotoDecodeError: options.onPhotoDecodeError,
    });
  }
  const { scanner, simulatedScanner } = scannerFor(devices.scanner);
  const { windowDisplay, simulatedWindowDisplay } = windowDisplayFor(devices.windowDisplay, options.dataDir);
  return {
    idcard,
    simulatedIdcard,
    scanner,
    simulatedScanner,
    printers: printersFor(devices),
    docscan: devices.docscan ? { scanner: createSaneScanner(), settings: devices.docscan } : null,
    windowDisplay,
    simulatedWindowDisplay,
    start: () => {
      idcard?.start();
      scanner?.start();
      windowDisplay?.start();
    },
    stop: async () => {
      await idcard?.stop();
      await scanner?.stop();
      await windowDisplay?.stop();
    },
  };
}

function scannerFor(config: TerminalConfig['devices']['scanner']): {
  scanner: Scanner | null;
  simulatedScanner: ReturnType<typeof createSimulatedScanner> | null;
} {
  if (!config || config.kind === 'wedge') return { scanner: null, simulatedScanner: null };
  if (config.kind === 'serial') {
    const framing = { suffix: config.suffix, prefix: config.prefix, aim: config.aim };
    return {
      scanner: createScanner({
        source: 'serial',
        open: async () => serialScannerConnection(await openSerialChannel(config.port, config.baud), framing),
      }),
      simulatedScanner: null,
    };
  }
  if (config.kind === 'hid') {
    return {
      scanner: createScanner({
        source: 'hid',
        open: async () => hidScannerConnection(await openHidPosDevice(config.vendorId, config.productId)),
      }),
      simulatedScanner: null,
    };
  }
  const simulated = createSimulatedScanner();
  return { scanner: createScanner({ source: 'simulated', open: simulated.open }), simulatedScanner: simulated };
}

function windowDisplayFor(config: TerminalConfig['devices']['windowDisplay'], dataDir: string | undefined) {
  if (!config) return { windowDisplay: null, simulatedWindowDisplay: null };
  const settings = { address: config.address, encoding: config.encoding, brightness: config.brightness };
  if (config.kind === 'serial')
    return {
      windowDisplay: createWindowDisplay({ ...settings, open: serialDisplayChannel(config.port, config.baud) }),
      simulatedWindowDisplay: null,
    };
  const file = config.file ?? (dataDir && dataDir !== ':memory:' ? join(dataDir, 'window-display.txt') : null);
  const simulated = createSimulatedWindowDisplay({ ...settings, file });
  return { windowDisplay: createWindowDisplay({ ...settings, open: simulated.open }), simulatedWindowDisplay: simulated };
}

/** Each printer is opened for a job and closed after it, so there is nothing to start or stop. */
function printersFor(devices: TerminalConfig['devices']): PrinterDriver[] {
  const configured = [devices.printer, ...devices.fallbackPrinters].filter((printer) => printer !== undefined);
  return configured.map((printer, index) =>
    createPrinterDriver({
      id: index === 0 ? 'main' : `fallback-${index}`,
      url: printer.url,
      profile: printerProfile(printer.profile, { qr: printer.qr, cut: printer.cut }),
    }),
  );
}

function loadSampleCards(dir: string): Record<string, IdCard> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [basename(file, '.json'), SimulatorCardSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')))]),
  );
}
