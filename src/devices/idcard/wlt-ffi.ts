import koffi, { type LibraryHandle } from 'koffi';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BMP_BYTES, type WltDecoder } from './wlt-decoder.js';

/**
 * The vendors' licensed WLT decoders, loaded through FFI only where a terminal's configuration names
 * one. Two shapes exist in the field:
 * - libwlt2bmp (Linux): `int wlt2Bmp(const unsigned char *wlt, unsigned char *bmp, int bmpSave)`, the
 *   BMP written into the caller's 38862-byte buffer;
 * - WltRS.dll (Windows): `int GetBmp(const char *wltFile, int intf)`, which reads a .wlt file and writes
 *   the .bmp beside it. Its files hold a face, so they live in a private temporary folder only as long
 *   as the call.
 * Both return 1 on success. The signatures follow the vendors' public samples; check them against the
 * library a hall actually installs.
 */
export type WltLibraryKind = 'libwlt2bmp' | 'wltrs';

export interface WltLibraryOptions {
  kind: WltLibraryKind;
  path: string;
  /** The exported function, when a vendor names it differently. */
  symbol?: string;
  /** WltRS's second argument: 1 serial, 2 USB. */
  interfaceCode?: number;
}

export function loadWltLibrary(options: WltLibraryOptions): WltDecoder {
  let library: LibraryHandle;
  try {
    library = koffi.load(options.path);
  } catch (error) {
    throw new Error(`无法加载照片解码库 / cannot load the WLT decoder library ${options.path}: ${(error as Error).message}`);
  }
  return options.kind === 'libwlt2bmp' ? libwlt2bmp(library, options) : wltrs(library, options);
}

function libwlt2bmp(library: LibraryHandle, options: WltLibraryOptions): WltDecoder {
  const decode = library.func(options.symbol ?? 'wlt2Bmp', 'int', ['const uint8_t *', '_Out_ uint8_t *', 'int']);
  return {
    name: `libwlt2bmp (${options.path})`,
    async decode(wlt) {
      const bmp = Buffer.alloc(BMP_BYTES);
      const result = decode(wlt, bmp, 1) as number;
      if (result !== 1) throw new Error(`wlt2Bmp returned ${result}`);
      return checkedBmp(bmp);
    },
  };
}

function wltrs(library: LibraryHandle, options: WltLibraryOptions): WltDecoder {
  const getBmp = library.func(options.symbol ?? 'GetBmp', 'int', ['const char *', 'int']);
  return {
    name: `WltRS (${options.path})`,
    async decode(wlt) {
      const dir = await mkdtemp(join(tmpdir(), 'onewindow-wlt-'));
      try {
        const wltFile = join(dir, 'zp.wlt');
        await writeFile(wltFile, wlt, { mode: 0o600 });
        const result = getBmp(wltFile, options.interfaceCode ?? 2) as number;
        if (result !== 1) throw new Error(`GetBmp returned ${result}`);
        return checkedBmp(await readFile(join(dir, 'zp.bmp')));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

function checkedBmp(bmp: Buffer): Buffer {
  if (bmp.length < 54 || bmp.toString('latin1', 0, 2) !== 'BM') throw new Error('the decoder did not produce a BMP');
  return bmp;
}
