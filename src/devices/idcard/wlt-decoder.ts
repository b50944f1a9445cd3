/**
 * Turns the card's 1024-byte WLT photo into a BMP. No open decoder exists: only the vendors' licensed
 * libraries can, so this is an interface with an FFI adapter (wlt-ffi.ts) used where one is installed.
 */
export interface WltDecoder {
  readonly name: string;
  /** A 102×126 24-bit BMP file (38862 bytes). */
  decode(wlt: Buffer): Promise<Buffer>;
}

export const BMP_BYTES = 38862;
