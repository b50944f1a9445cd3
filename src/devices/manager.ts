import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { IdCard } from '../shared/idcard.js';
import type { TerminalConfig } from '../shared/terminal-config.js';
import { InProcessReader } from './idcard/in-process.js';
import { createIdCardReader, type IdCardReader } from './idcard/reader.js';
import { SimulatorCardSchema } from './idcard/simulator.js';
import { loadWltLibrary } from './idcard/wlt-ffi.js';
import { openSerialChannel } from './serial/channel.js';

export interface SimulatedIdCardReader {
  /** The sample cards a demo or test can place, by file name without .json. */
  readonly samples: Record<string, IdCard>;
  place(sample: string): void;
  remove(): void;
}

export interface DeviceManager {
  idcard: IdCardReader | null;
  simulatedIdcard: SimulatedIdCardReader | null;
  start(): void;
  stop(): Promise<void>;
}

export interface DeviceManagerOptions {
  /** Where the simulator's sample cards are (resources/idcard/cards). */
  sampleCardsDir: string;
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
  return {
    idcard,
    simulatedIdcard,
    start: () => idcard?.start(),
    stop: async () => {
      await idcard?.stop();
    },
  };
}

function loadSampleCards(dir: string): Record<string, IdCard> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [basename(file, '.json'), SimulatorCardSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')))]),
  );
}
