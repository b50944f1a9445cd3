import { statusInfo } from './protocol.js';

export type IdCardErrorCode =
  'status' | 'timeout' | 'checksum' | 'length' | 'malformed' | 'invalid-id-number' | 'disconnected' | 'sam-fault' | 'no-card';

/**
 * Everything that can go wrong between the reader and a card, typed, with a Chinese and an English
 * message. The message is what a clerk sees; the code is what the driver decides on.
 */
export class IdCardError extends Error {
  constructor(
    readonly code: IdCardErrorCode,
    readonly zh: string,
    readonly en: string,
    readonly sw3?: number,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'IdCardError';
  }

  static fromStatus(sw3: number, during: string): IdCardError {
    const info = statusInfo(sw3);
    return new IdCardError('status', info.zh, `${info.en} (${during}, SW3 0x${sw3.toString(16).padStart(2, '0')})`, sw3);
  }
}
