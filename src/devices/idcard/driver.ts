import { backoffDelayMs } from '../../shared/backoff.js';
import { idNumberProblem } from '../../shared/id-number.js';
import type { IdCard } from '../../shared/idcard.js';
import { Emitter } from '../events.js';
import { createPollLoop, type PollLoop } from '../poll-loop.js';
import type { ByteChannel } from '../serial/channel.js';
import { decodeAdditionalAddress, decodeCard, splitReadReply } from './card-text.js';
import { IdCardError } from './errors.js';
import { formatSamId, SW3, type CommandName } from './protocol.js';
import { SamClient, type SamReply } from './sam-client.js';
import type { WltDecoder } from './wlt-decoder.js';

export type ReaderState = 'connecting' | 'connected' | 'sam-fault' | 'disconnected' | 'stopped';

export interface ReaderStatus {
  state: ReaderState;
  samId?: string;
  /** What is wrong and what to do, for the clerk (zh / en). */
  message?: string;
}

export interface ReaderEvents extends Record<string, unknown> {
  card: IdCard;
  error: IdCardError;
  status: ReaderStatus;
}

export interface IdCardReaderOptions {
  openChannel(): Promise<ByteChannel>;
  pollIntervalMs?: number;
  /** 30 10 instead of 30 01: the fingerprint block is kept, never interpreted. */
  readFingerprint?: boolean;
  readAdditionalAddress?: boolean;
  commandTimeoutMs?: number;
  readTimeoutMs?: number;
  /** How often a command is sent again after a timeout or a corrupt reply. */
  retries?: number;
  /** The reopening backoff's first ceiling and its cap. */
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  /** The backoff's random source; tests fix it. */
  random?: () => number;
  photoDecoder?: WltDecoder;
  onPhotoDecodeError?(error: unknown): void;
}

export interface IdCardReader extends Emitter<ReaderEvents> {
  start(): void;
  stop(): Promise<void>;
  status(): ReaderStatus;
  /** The next card placed on the reader; rejects with 'no-card' after the timeout. */
  nextCard(timeoutMs: number): Promise<IdCard>;
}

const TRANSIENT = new Set(['timeout', 'checksum', 'length', 'malformed']);

/**
 * The reader service: opens the port, checks the SAM, polls find → select → read, and emits one
 * `card` per insertion. A card left on the reader is not read again until it has been away; a reader
 * that is unplugged is reopened with backoff. Nothing here can hang: every command has a timeout.
 */
export function createIdCardReader(options: IdCardReaderOptions): IdCardReader {
  const pollIntervalMs = options.pollIntervalMs ?? 400;
  const commandTimeoutMs = options.commandTimeoutMs ?? 1000;
  const readTimeoutMs = options.readTimeoutMs ?? 3000;
  const retries = options.retries ?? 2;
  const reconnectInitialMs = options.reconnectInitialMs ?? 500;
  const reconnectMaxMs = options.reconnectMaxMs ?? 10_000;

  const emitter = new Emitter<ReaderEvents>();
  let current: ReaderStatus = { state: 'stopped' };
  let channel: ByteChannel | null = null;
  let client: SamClient | null = null;
  let lastCardKey: string | null = null;
  let absentSinceLastCard = true;

  const setStatus = (status: ReaderStatus) => {
    current = status;
    emitter.emit('status', status);
  };

  async function send(command: CommandName, timeoutMs = commandTimeoutMs): Promise<SamReply> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await client!.command(command, timeoutMs);
      } catch (error) {
        if (!(error instanceof IdCardError) || !TRANSIENT.has(error.code) || attempt >= retries) throw error;
      }
    }
  }

  async function connect(): Promise<void> {
    setStatus({ state: 'connecting' });
    channel = await options.openChannel();
    client = new SamClient(channel);
    const status = await send('samStatus');
    if (status.sw3 !== SW3.OK) {
      throw IdCardError.fromStatus(status.sw3, 'SAM status');
    }
    const id = await send('samId');
    setStatus({ state: 'connected', samId: id.sw3 === SW3.OK ? formatSamId(id.data) : undefined });
  }

  async function disconnect(): Promise<void> {
    client?.dispose();
    client = null;
    const closing = channel;
    channel = null;
    await closing?.close().catch(() => undefined);
  }

  /** One find → select → read cycle; returns the card, or null when there is none (or it is the same card still lying there). */
  async function poll(): Promise<IdCard | null> {
    const found = await send('findCard');
    if (found.sw3 !== SW3.FIND_OK) {
      if (found.sw3 === SW3.FIND_FAILED) {
        absentSinceLastCard = true;
        return null;
      }
      throw IdCardError.fromStatus(found.sw3, 'find card');
    }
    const selected = await send('selectCard');
    if (selected.sw3 !== SW3.OK) throw IdCardError.fromStatus(selected.sw3, 'select card');
    const fingerprint = options.readFingerprint ?? false;
    const read = await send(fingerprint ? 'readTextPhotoFingerprint' : 'readTextPhoto', readTimeoutMs);
    if (read.sw3 !== SW3.OK) throw IdCardError.fromStatus(read.sw3, 'read card');
    const card = decodeCard(splitReadReply(read.data, fingerprint));

    const key = `${card.type}:${card.idNumber}`;
    if (key === lastCardKey && !absentSinceLastCard) return null;
    lastCardKey = key;
    absentSinceLastCard = false;

    // The 2017 foreigner's permit number is not a GB 11643 number; every other card's is.
    if (card.type !== 'foreigner') {
      const problem = idNumberProblem(card.idNumber);
      if (problem) {
        throw new IdCardError(
          'invalid-id-number',
          '证件号码校验不通过，请人工核验证件',
          `the card's ID number fails its ${problem === 'check-digit' ? 'check digit' : problem} check: check the card by hand`,
        );
      }
    }
    if (options.readAdditionalAddress && (card.type === 'resident' || card.type === 'hkmotw')) {
      const extra = await send('readAdditionalAddress');
      if (extra.sw3 === SW3.OK) card.additionalAddress = decodeAdditionalAddress(extra.data);
    }
    if (options.photoDecoder) {
      try {
        card.photo.bmp = (await options.photoDecoder.decode(Buffer.from(card.photo.wlt, 'base64'))).toString('base64');
      } catch (error) {
        options.onPhotoDecodeError?.(error);
      }
    }
    return card;
  }

  const backoff = { baseMs: reconnectInitialMs, capMs: reconnectMaxMs };
  let failedOpens = 0;

  /** One round: connect if needed (with backoff), then one poll, then the pause between polls. */
  async function round(loop: PollLoop): Promise<void> {
    if (!client) {
      try {
        await connect();
        failedOpens = 0;
      } catch (error) {
        await disconnect();
        if (!loop.running) return;
        const samFault = error instanceof IdCardError && error.code === 'status';
        setStatus({
          state: samFault ? 'sam-fault' : 'disconnected',
          message: error instanceof IdCardError ? error.message : `无法打开读卡器 / cannot open the reader: ${(error as Error).message}`,
        });
        await loop.sleep(backoffDelayMs(failedOpens, backoff, options.random));
        failedOpens += 1;
        return;
      }
    }
    try {
      const card = await poll();
      if (card) emitter.emit('card', card);
    } catch (error) {
      const failure =
        error instanceof IdCardError ? error : new IdCardError('malformed', '读卡器返回了无法识别的数据', (error as Error).message);
      if (failure.code === 'disconnected' || (failure.code === 'timeout' && !channel?.isOpen)) {
        await disconnect();
        if (loop.running) setStatus({ state: 'disconnected', message: failure.message });
        return;
      }
      if (loop.running) emitter.emit('error', failure);
    }
    await loop.sleep(pollIntervalMs);
  }

  const loop = createPollLoop(round);

  return Object.assign(emitter, {
    start: () => loop.start(),
    async stop() {
      await loop.stop();
      await disconnect();
      setStatus({ state: 'stopped' });
    },
    status: () => current,
    nextCard(timeoutMs: number) {
      return new Promise<IdCard>((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(
            new IdCardError('no-card', '未检测到证件，请将证件平放在读卡区', `no card was placed on the reader within ${timeoutMs} ms`),
          );
        }, timeoutMs);
        const off = emitter.on('card', (card) => {
          clearTimeout(timer);
          off();
          resolve(card);
        });
      });
    },
  });
}
