import type { DeviceManager } from '../devices/manager.js';
import type { IdCardError } from '../devices/idcard/errors.js';
import { idCardView, type IdCard, type IdCardReaderStatus, type IdCardView } from '../shared/idcard.js';
import { DEFAULT_TIME_ZONE, localDate } from '../shared/local-date.js';
import { RpcError } from '../shared/rpc/errors.js';
import type { Emit } from './emit.js';

const RECENT_CARD_MS = 60_000;

export interface IdCardDeps {
  devices: DeviceManager;
  emit: Emit<'idcard.card' | 'idcard.error' | 'idcard.status'>;
  now?: () => Date;
}

/**
 * The terminal's side of the ID-card reader: it turns the driver's cards into what pages may see
 * (masked, with what does not add up flagged) and its failures into messages a clerk can act on. The
 * full card never leaves the host.
 */
export type IdCardService = ReturnType<typeof createIdCardService>;

export function createIdCardService({ devices, emit, now = () => new Date() }: IdCardDeps) {
  const reader = devices.idcard;
  const view = (card: IdCard) => idCardView(card, localDate(now(), DEFAULT_TIME_ZONE));
  const samples = devices.simulatedIdcard ? Object.keys(devices.simulatedIdcard.samples).sort() : [];

  const status = (): IdCardReaderStatus => {
    if (!reader) return { state: 'absent', message: '本终端未配置读卡器 / this terminal has no ID-card reader', simulatedSamples: [] };
    return { ...reader.status(), simulatedSamples: samples };
  };

  /** The last card read, kept in the host only briefly — for a number taken with it — then dropped. */
  let recent: { card: IdCard; at: number } | null = null;
  let forget: ReturnType<typeof setTimeout> | undefined;
  reader?.on('card', (card) => {
    recent = { card, at: now().getTime() };
    clearTimeout(forget);
    forget = setTimeout(() => (recent = null), RECENT_CARD_MS);
    forget.unref();
    emit('idcard.card', view(card));
  });
  reader?.on('error', (error: IdCardError) => emit('idcard.error', { message: error.message }));
  reader?.on('status', () => emit('idcard.status', status()));

  return {
    status,
    view,
    /** The card read in the last minute, handed over once and then forgotten. */
    takeRecentCard(): IdCard | null {
      const taken = recent && now().getTime() - recent.at <= RECENT_CARD_MS ? recent.card : null;
      recent = null;
      return taken;
    },
    async read(timeoutMs: number): Promise<IdCardView> {
      if (!reader) throw new RpcError('UNAVAILABLE', status().message!);
      try {
        return view(await reader.nextCard(timeoutMs));
      } catch (error) {
        throw new RpcError('TIMEOUT', (error as Error).message);
      }
    },
    simulate(sample: string | null): void {
      const simulated = devices.simulatedIdcard;
      if (!simulated) {
        throw new RpcError('REFUSED', '本终端的读卡器是真实设备，不能模拟放卡 / this terminal has a real reader: place a real card');
      }
      if (sample === null) return simulated.remove();
      if (!simulated.samples[sample]) {
        throw new RpcError('NOT_FOUND', `没有名为 ${sample} 的样例证件 / no sample card ${sample}; choose from ${samples.join(', ')}`);
      }
      simulated.place(sample);
    },
  };
}
