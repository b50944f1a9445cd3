import { z } from 'zod';
import { IdCardSchema, type IdCard } from '../../shared/idcard.js';
import type { ByteChannel } from '../serial/channel.js';
import { encodeCardText, PHOTO_BYTES, TEXT_BYTES } from './card-text.js';
import { SamFrameDecoder } from './frame-decoder.js';
import { COMMANDS, encodeReply, SW3, type CommandName } from './protocol.js';

export const SCENARIOS = ['normal', 'no-card', 'removed-mid-read', 'checksum-errors', 'garbage', 'slow', 'sam-fault', 'unplug'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface SimulatorOptions {
  card?: IdCard | null;
  scenario?: Scenario;
  /** Paces replies as a real line at this baud would (10 bits a byte); 0 sends at once. */
  baud?: number;
  /** Delay before each reply in the 'slow' scenario. */
  slowReplyMs?: number;
  samId?: Buffer;
}

/** A fixed stand-in for a WLT photo: 1024 bytes that no decoder can turn into a face. */
export function placeholderWlt(): Buffer {
  return Buffer.from(Array.from({ length: PHOTO_BYTES }, (_, i) => (i * 37 + 11) & 0xff));
}

/** A card file for the simulator: the card as the reader would report it, the photo optional. */
export const SimulatorCardSchema = z.preprocess((value) => {
  if (typeof value !== 'object' || value === null || 'photo' in value) return value;
  return { ...value, photo: { wlt: placeholderWlt().toString('base64'), bmp: null } };
}, IdCardSchema);

const DEFAULT_SAM_ID = Buffer.from([5, 0, 1, 0, 0x8f, 0xb3, 0x32, 0x01, 0x4e, 0x61, 0xbc, 0x00, 0xd2, 0x02, 0x96, 0x49]);

const COMMAND_BY_CODE = new Map(Object.entries(COMMANDS).map(([name, [cmd, para]]) => [(cmd << 8) | para, name as CommandName]));

/**
 * A SAM_V reader in software: it speaks the same bytes as the hardware over any ByteChannel (one end of
 * a pty pair, or an in-process pair), holds at most one card, and can misbehave in the ways real readers
 * and hands do. Like the hardware, after a successful read it reports no card until the card has been
 * taken away and put back.
 */
export class SamSimulator {
  private readonly decoder = new SamFrameDecoder();
  private card: IdCard | null;
  private readSinceInsert = false;
  private replies = 0;
  private readonly scenario: Scenario;
  private readonly offData: () => void;
  /** Every command received, for tests. */
  readonly received: CommandName[] = [];

  constructor(
    private readonly channel: ByteChannel,
    private readonly options: SimulatorOptions = {},
  ) {
    this.scenario = options.scenario ?? 'normal';
    this.card = this.scenario === 'no-card' ? null : (options.card ?? null);
    this.offData = channel.onData((chunk) => {
      for (const event of this.decoder.push(chunk)) {
        if (event.kind === 'frame') void this.answer(event.body);
      }
    });
  }

  placeCard(card: IdCard): void {
    this.card = card;
    this.readSinceInsert = false;
  }

  removeCard(): void {
    this.card = null;
    this.readSinceInsert = false;
  }

  async close(): Promise<void> {
    this.offData();
    await this.channel.close();
  }

  private async answer(body: Buffer): Promise<void> {
    const command = COMMAND_BY_CODE.get((body[0]! << 8) | body[1]!);
    if (!command) return this.send(encodeReply(0x21));
    this.received.push(command);
    if (this.scenario === 'sam-fault') return this.send(encodeReply(0x60));
    const reply = this.reply(command);
    await this.send(reply);
    if (this.scenario === 'unplug' && (command === 'readTextPhoto' || command === 'readTextPhotoFingerprint')) {
      await this.close();
    }
  }

  private reply(command: CommandName): Buffer {
    switch (command) {
      case 'resetSam':
      case 'samStatus':
        return encodeReply(SW3.OK);
      case 'samId':
        return encodeReply(SW3.OK, this.options.samId ?? DEFAULT_SAM_ID);
      case 'findCard':
        return this.card && !this.readSinceInsert ? encodeReply(SW3.FIND_OK, Buffer.alloc(4)) : encodeReply(SW3.FIND_FAILED);
      case 'selectCard':
        return this.card ? encodeReply(SW3.OK, Buffer.alloc(8)) : encodeReply(SW3.SELECT_FAILED);
      case 'readTextPhoto':
      case 'readTextPhotoFingerprint':
        return this.read(command === 'readTextPhotoFingerprint');
      case 'readAdditionalAddress': {
        const extra = this.card && 'additionalAddress' in this.card ? this.card.additionalAddress : undefined;
        if (!extra) return encodeReply(SW3.NO_CONTENT);
        const data = Buffer.alloc(70, 0);
        Buffer.from(extra, 'utf16le').copy(data);
        return encodeReply(SW3.OK, data);
      }
    }
  }

  private read(withFingerprint: boolean): Buffer {
    if (this.scenario === 'removed-mid-read' && this.card) {
      this.card = null;
      return encodeReply(SW3.READ_FAILED);
    }
    if (!this.card) return encodeReply(SW3.READ_FAILED);
    const photo = Buffer.from(this.card.photo.wlt, 'base64');
    const fingerprint = withFingerprint && this.card.fingerprint ? Buffer.from(this.card.fingerprint, 'base64') : Buffer.alloc(0);
    const header = Buffer.alloc(withFingerprint ? 6 : 4);
    header.writeUInt16BE(TEXT_BYTES, 0);
    header.writeUInt16BE(photo.length, 2);
    if (withFingerprint) header.writeUInt16BE(fingerprint.length, 4);
    this.readSinceInsert = true;
    return encodeReply(SW3.OK, Buffer.concat([header, encodeCardText(this.card), photo, fingerprint]));
  }

  private async send(frame: Buffer): Promise<void> {
    this.replies++;
    let bytes = frame;
    if (this.scenario === 'checksum-errors' && this.replies % 2 === 1) {
      bytes = Buffer.from(frame);
      bytes[bytes.length - 1] = bytes.at(-1)! ^ 0xff;
    }
    if (this.scenario === 'garbage') {
      bytes = Buffer.concat([Buffer.from([0x00, 0xaa, 0x13, 0xaa, 0xaa, 0x96, 0x37, 0xff]), bytes]);
    }
    if (this.scenario === 'slow') await delay(this.options.slowReplyMs ?? 300);
    if (!this.channel.isOpen) return;
    const baud = this.options.baud ?? 0;
    if (!baud) return this.channel.write(bytes).catch(() => undefined);
    // Paced in chunks against the clock, as a reader's UART at this baud delivers them: each chunk
    // leaves when the line would have carried it, so timer jitter does not add up.
    const chunk = 64;
    const start = performance.now();
    for (let offset = 0; offset < bytes.length && this.channel.isOpen; offset += chunk) {
      const part = bytes.subarray(offset, offset + chunk);
      const due = start + ((offset + part.length) * 10 * 1000) / baud;
      await delay(Math.max(0, due - performance.now()));
      await this.channel.write(part).catch(() => undefined);
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
