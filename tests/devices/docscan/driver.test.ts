import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocScanError, parseDeviceList, type ScanRequest } from '../../../src/devices/docscan/protocol.js';
import { createSaneScanner } from '../../../src/devices/docscan/driver.js';
import { useTempDir } from '../../helpers/temp-dir.js';

/** SANE's `test` backend: a virtual scanner with a feeder of 10 pages and switchable failures. */
const tempDir = useTempDir('onewindow-docscan-');
const scanner = createSaneScanner();
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

function request(overrides: Partial<ScanRequest> = {}): ScanRequest {
  return {
    device: 'test',
    outDir: join(tempDir(), 'scan'),
    resolution: 50,
    mode: 'color',
    format: 'png',
    source: 'flatbed',
    timeoutMs: 20_000,
    deviceOptions: ['--test-picture', 'Color pattern'],
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<DocScanError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DocScanError) return error;
    throw error;
  }
  throw new Error('expected a DocScanError');
}

describe('document scanning through SANE', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.SANE_CONFIG_DIR;
    const config = tempDir();
    writeFileSync(join(config, 'dll.conf'), 'test\n');
    process.env.SANE_CONFIG_DIR = config;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.SANE_CONFIG_DIR;
    else process.env.SANE_CONFIG_DIR = saved;
  });

  it('lists the devices scanimage finds', async () => {
    expect((await scanner.list()).map((device) => device.name)).toContain('test:0');
    expect(parseDeviceList("device `fujitsu:fi-7160:123' is a FUJITSU fi-7160 sheetfed scanner\n")).toEqual([
      { name: 'fujitsu:fi-7160:123', description: 'FUJITSU fi-7160 sheetfed scanner' },
    ]);
  });

  it('scans a page to PNG with progress, and a feeder full to numbered pages', async () => {
    const progress: number[] = [];
    const [page] = await scanner.scan(request({ onProgress: (percent) => progress.push(percent) }));
    expect(readFileSync(page!).subarray(0, 4)).toEqual(PNG);
    expect(progress.at(-1)).toBe(100);
    const pages = await scanner.scan(request({ source: 'feeder', outDir: join(tempDir(), 'batch'), format: 'jpeg' }));
    expect(pages).toHaveLength(10);
    expect(pages[9]).toMatch(/page-10\.jpg$/);
    expect(readFileSync(pages[0]!).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it.each<[string, string, RegExp]>([
    ['JAMMED', 'SANE_STATUS_JAMMED', /卡纸.*the scanner jammed/],
    ['COVER_OPEN', 'SANE_STATUS_COVER_OPEN', /盖板未合上.*cover is open/],
    ['NO_DOCUMENTS', 'SANE_STATUS_NO_DOCS', /进纸器中没有纸.*feeder is empty/],
  ])('says %s in words a clerk can act on', async (code, status, message) => {
    const error = await failure(scanner.scan(request({ deviceOptions: ['--read-return-value', status] })));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('says when there is no such scanner, stops one that takes too long, and cancels on request', async () => {
    expect((await failure(scanner.scan(request({ device: 'nosuch:0' })))).code).toBe('NO_DEVICE');
    const slow = ['--read-delay=yes', '--read-delay-duration', '200000'];
    const timedOut = await failure(scanner.scan(request({ resolution: 300, deviceOptions: slow, timeoutMs: 500 })));
    expect(timedOut.code).toBe('TIMEOUT');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const cancelled = await failure(scanner.scan(request({ resolution: 300, deviceOptions: slow, signal: controller.signal })));
    expect(cancelled.code).toBe('CANCELLED');
  });
});
