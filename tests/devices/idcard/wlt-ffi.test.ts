import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BMP_BYTES } from '../../../src/devices/idcard/wlt-decoder.js';
import { loadWltLibrary } from '../../../src/devices/idcard/wlt-ffi.js';
import { placeholderWlt } from '../../../src/devices/idcard/simulator.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir('onewindow-wlt-test-');
let library = '';

beforeAll(() => {
  library = join(tempDir(), 'libfakewlt.so');
  execFileSync('cc', ['-shared', '-fPIC', '-O2', '-o', library, 'tests/devices/idcard/fixtures/fake-wlt.c']);
});

describe('WLT decoders through FFI (koffi)', () => {
  const wlt = placeholderWlt();

  it('calls a libwlt2bmp-style wlt2Bmp and returns its BMP', async () => {
    const decoder = loadWltLibrary({ kind: 'libwlt2bmp', path: library });
    const bmp = await decoder.decode(wlt);
    expect(bmp.length).toBe(BMP_BYTES);
    expect(bmp.toString('latin1', 0, 2)).toBe('BM');
    expect(bmp.subarray(54, 54 + 1024)).toEqual(wlt);
  });

  it('reports a decoder failure instead of returning a broken picture', async () => {
    const decoder = loadWltLibrary({ kind: 'libwlt2bmp', path: library });
    await expect(decoder.decode(Buffer.alloc(1024, 0xff))).rejects.toThrow('wlt2Bmp returned -1');
  });

  it('calls a WltRS-style GetBmp through files and leaves none behind', async () => {
    const before = readdirSync(tmpdir()).filter((name) => name.startsWith('onewindow-wlt-')).length;
    const decoder = loadWltLibrary({ kind: 'wltrs', path: library });
    const bmp = await decoder.decode(wlt);
    expect(bmp.subarray(54, 54 + 1024)).toEqual(wlt);
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith('onewindow-wlt-')).length).toBe(before);
  });

  it('says which library could not be loaded', () => {
    expect(() => loadWltLibrary({ kind: 'libwlt2bmp', path: '/nonexistent/libwlt2bmp.so' })).toThrow(
      /cannot load the WLT decoder library \/nonexistent/,
    );
  });
});
