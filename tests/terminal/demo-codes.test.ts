import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recentDemoCodes } from '../../src/terminal/demo-codes.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('onewindow-demo-codes-');

function slip(dir: string, terminalId: string, name: string, text: string, secondsAgo: number): void {
  mkdirSync(join(dir, terminalId), { recursive: true });
  const file = join(dir, terminalId, name);
  writeFileSync(file, text);
  const at = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(file, at, at);
}

describe('the codes 模拟扫码 offers in the demo', () => {
  it('are the QR contents of every virtual printer’s slips, newest first, each once, named by slip', () => {
    const dir = tempDir();
    slip(dir, 'kiosk-01', 'job-0001.txt', '[center 2x2 bold] A001\n[qr 6 center] onewindow:ticket:t1\n[cut]\n', 30);
    slip(dir, 'kiosk-01', 'job-0002.txt', '[center] 预填单\n[qr 6 center] onewindow:prefill:P7Q2K9\n[cut]\n', 20);
    slip(dir, 'counter-03', 'job-0001.txt', '[qr 4 left] onewindow:case:c-1\n', 10);
    slip(dir, 'counter-03', 'job-0002.txt', '[qr 4 left] onewindow:case:c-1\n', 5);
    slip(dir, 'counter-03', 'job-0002.png', 'not a transcript', 1);
    expect(recentDemoCodes(dir)).toEqual([
      { text: 'onewindow:case:c-1', slip: '受理回执 Receipt · counter-03 job-0002' },
      { text: 'onewindow:prefill:P7Q2K9', slip: '预填单 Pre-fill slip · kiosk-01 job-0002' },
      { text: 'onewindow:ticket:t1', slip: '凭条 Slip · kiosk-01 job-0001' },
    ]);
    expect(recentDemoCodes(dir, 1)).toHaveLength(1);
  });

  it('are none before any printer has written a slip', () => {
    expect(recentDemoCodes(join(tempDir(), 'printers'))).toEqual([]);
  });
});
