import type { ByteChannel } from '../serial/channel.js';
import { IdCardError } from './errors.js';
import { SamFrameDecoder } from './frame-decoder.js';
import { encodeRequest, SW3, type CommandName } from './protocol.js';

export interface SamReply {
  sw3: number;
  data: Buffer;
}

/** Data lengths of the successful replies whose length is fixed: a reply that does not fit is a late one from an earlier command. */
const OK_DATA_LENGTH: Partial<Record<CommandName, { sw3: number; length: number }>> = {
  resetSam: { sw3: SW3.OK, length: 0 },
  samStatus: { sw3: SW3.OK, length: 0 },
  samId: { sw3: SW3.OK, length: 16 },
  findCard: { sw3: SW3.FIND_OK, length: 4 },
  selectCard: { sw3: SW3.OK, length: 8 },
};

function fitsCommand(command: CommandName, reply: SamReply): boolean {
  const expected = OK_DATA_LENGTH[command];
  if (reply.sw3 === SW3.OK || reply.sw3 === SW3.FIND_OK) {
    if (expected) return reply.sw3 === expected.sw3 && reply.data.length === expected.length;
    return reply.data.length > 16;
  }
  // Error statuses carry no data and fit any command.
  return reply.data.length === 0;
}

/**
 * One command at a time to a SAM module: send the request, wait for the reply that fits it, fail with
 * a typed error on timeout, a corrupt reply, or a channel that went away.
 */
export class SamClient {
  private readonly decoder = new SamFrameDecoder();
  private waiting: { command: CommandName; resolve(reply: SamReply): void; reject(error: IdCardError): void } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly offData: () => void;
  private readonly offClose: () => void;

  constructor(private readonly channel: ByteChannel) {
    this.offData = channel.onData((chunk) => this.onData(chunk));
    this.offClose = channel.onClose(() => this.fail(disconnected()));
  }

  command(command: CommandName, timeoutMs: number, data?: Uint8Array): Promise<SamReply> {
    const run = () => this.exchange(command, timeoutMs, data);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  dispose(): void {
    this.offData();
    this.offClose();
    this.fail(disconnected());
  }

  private async exchange(command: CommandName, timeoutMs: number, data?: Uint8Array): Promise<SamReply> {
    if (!this.channel.isOpen) throw disconnected();
    this.decoder.reset();
    const reply = new Promise<SamReply>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.fail(
            new IdCardError(
              'timeout',
              '读卡器无响应，请检查连接',
              `the reader did not answer ${command} within ${timeoutMs} ms: check its cable`,
            ),
          ),
        timeoutMs,
      );
      this.waiting = {
        command,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
    // A corrupt reply can fail the exchange while the write is still awaited, before anyone holds `reply`:
    // marked handled here, it is still the caller's rejection below, not an unhandled one that stops the host.
    reply.catch(() => undefined);
    try {
      await this.channel.write(encodeRequest(command, data));
    } catch (error) {
      this.fail(disconnected((error as Error).message));
    }
    return reply;
  }

  private onData(chunk: Buffer): void {
    for (const event of this.decoder.push(chunk)) {
      if (!this.waiting) continue;
      if (event.kind === 'checksum') {
        this.fail(
          new IdCardError(
            'checksum',
            '读卡器数据校验错误，正在重试',
            `corrupt reply to ${this.waiting.command} (checksum 0x${event.actual.toString(16)} should be 0x${event.expected.toString(16)})`,
          ),
        );
      } else if (event.kind === 'length') {
        this.fail(
          new IdCardError('length', '读卡器数据长度错误，正在重试', `reply to ${this.waiting.command} with impossible length ${event.len}`),
        );
      } else if (event.kind === 'frame') {
        if (event.body.length < 3) continue;
        const reply = { sw3: event.body[2]!, data: event.body.subarray(3) };
        if (!fitsCommand(this.waiting.command, reply)) continue;
        const { resolve } = this.waiting;
        this.waiting = null;
        resolve(reply);
      }
    }
  }

  private fail(error: IdCardError): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }
}

function disconnected(detail?: string): IdCardError {
  return new IdCardError(
    'disconnected',
    '读卡器已断开，请检查连接线',
    `the reader is disconnected${detail ? ` (${detail})` : ''}: check its cable`,
  );
}
