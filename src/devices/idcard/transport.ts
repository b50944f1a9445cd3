import type { IdCard } from '../../shared/idcard.js';
import { createChannelPair, type ByteChannel } from '../serial/channel.js';
import { SamSimulator, type SimulatorOptions } from './simulator.js';

/**
 * The reader's transports: a real reader's serial port (`openSerialChannel` of ../serial/channel.ts), or
 * this one. A simulated reader in the same process: each time the driver opens its "port", a fresh simulator is
 * attached to the other end of an in-process pair, holding whatever card was last placed. The demo and
 * tests use it where no pty is wanted; it speaks exactly the bytes a real reader would.
 */
export class InProcessReader {
  private card: IdCard | null;
  private simulator: SamSimulator | null = null;

  constructor(private readonly options: SimulatorOptions = {}) {
    this.card = options.card ?? null;
  }

  readonly openChannel = async (): Promise<ByteChannel> => {
    const [driverEnd, readerEnd] = createChannelPair();
    this.simulator = new SamSimulator(readerEnd, { ...this.options, card: this.card });
    return driverEnd;
  };

  placeCard(card: IdCard): void {
    this.card = card;
    this.simulator?.placeCard(card);
  }

  removeCard(): void {
    this.card = null;
    this.simulator?.removeCard();
  }

  /** Pulls the cable: the driver sees its port close. */
  async unplug(): Promise<void> {
    await this.simulator?.close();
    this.simulator = null;
  }

  get current(): SamSimulator | null {
    return this.simulator;
  }
}
