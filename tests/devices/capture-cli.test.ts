import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serialScanBytes } from '../../src/devices/scanner/simulator.js';
import { openSerialChannel } from '../../src/devices/serial/channel.js';
import { openPtyPair, stop } from '../helpers/pty-pair.js';
import { runDeviceCli } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('onewindow-capture-cli-');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('onewindow-device scanner and docscan', () => {
  it('scanner listen prints each scan as a JSON line', async () => {
    const ptys = await openPtyPair(tempDir(), 'scanner');
    cleanups.push(ptys.unplug);
    const listener = spawn(process.execPath, ['bin/onewindow-device.js', 'scanner', 'listen', '--port', ptys.host]);
    cleanups.push(() => stop(listener));
    await new Promise((resolve) => listener.stderr.once('data', resolve));
    const device = await openSerialChannel(ptys.device, 9600);
    cleanups.push(() => device.close());
    const line = new Promise<string>((resolve) => listener.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    await device.write(serialScanBytes('onewindow:prefill:P7Q2K9 张三', 'qr'));
    expect(JSON.parse(await line)).toMatchObject({ symbology: 'qr', text: 'onewindow:prefill:P7Q2K9 张三', source: 'serial' });
  });

  it('docscan list and scan use SANE, and say what is missing', async () => {
    const config = tempDir();
    writeFileSync(join(config, 'dll.conf'), 'test\n');
    process.env.SANE_CONFIG_DIR = config;
    try {
      expect((await runDeviceCli(['docscan', 'list'])).stdout).toContain('test:0');
      const out = join(tempDir(), 'pages');
      const scanned = await runDeviceCli(['docscan', 'scan', '--device', 'test', '--out', out, '--resolution', '75', '--format', 'png']);
      expect(scanned.code).toBe(0);
      expect(scanned.stdout.trim()).toBe(join(out, 'page-1.png'));
      const missing = await runDeviceCli(['docscan', 'scan', '--device', 'test']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/--device and --out are required/);
    } finally {
      delete process.env.SANE_CONFIG_DIR;
    }
  });
});
