import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { startVirtualPrinter, type VirtualPrinter } from '../../src/devices/printer/simulator.js';
import { stop } from '../helpers/pty-pair.js';
import { runDeviceCli } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';
import { SAMPLE_DATA } from './printer/sample-data.js';

const tempDir = useTempDir('onewindow-printer-cli-');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const run = runDeviceCli;

async function virtualPrinter(condition: 'ready' | 'paper-end' = 'ready'): Promise<VirtualPrinter> {
  const printer = await startVirtualPrinter({ condition });
  cleanups.push(() => printer.close());
  return printer;
}

function dataFile(template: keyof typeof SAMPLE_DATA): string {
  const file = join(tempDir(), `${template}.json`);
  writeFileSync(file, JSON.stringify(SAMPLE_DATA[template]));
  return file;
}

describe('onewindow-device printer', () => {
  it('prints a template to a TCP printer and exits 0 when the printer took it', async () => {
    const printer = await virtualPrinter();
    const result = await run([
      'printer',
      'print',
      '--to',
      printer.url,
      '--template',
      'acceptance-receipt',
      '--data',
      dataFile('acceptance-receipt'),
      '--profile',
      '58mm-gbk',
    ]);
    expect(result.code).toBe(0);
    await waitFor(() => printer.jobs.length === 1);
    expect(printer.jobs[0]!.transcript).toContain('受理回执');
  });

  it('refuses to print on a printer that is out of paper, saying so, with a non-zero exit', async () => {
    const printer = await virtualPrinter('paper-end');
    const result = await run(['printer', 'print', '--to', printer.url, '--template', 'queue-ticket', '--data', dataFile('queue-ticket')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('out of paper');
    expect(printer.jobs).toEqual([]);
  });

  it('reports the status in words', async () => {
    expect((await run(['printer', 'status', '--to', (await virtualPrinter()).url])).stdout).toContain('ready');
    const out = await run(['printer', 'status', '--to', (await virtualPrinter('paper-end')).url]);
    expect(out.code).toBe(3);
    expect(out.stdout).toContain('缺纸');
  });

  it('explains bad addresses, templates and data in one line', async () => {
    const badUrl = await run(['printer', 'status', '--to', 'lpt1']);
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toContain('tcp://HOST:PORT');
    const badTemplate = await run(['printer', 'print', '--to', 'tcp://127.0.0.1:9', '--template', 'menu', '--data', 'x.json']);
    expect(badTemplate.stderr).toContain('unknown template');
    const badData = await run([
      'printer',
      'print',
      '--to',
      'tcp://127.0.0.1:9',
      '--template',
      'queue-ticket',
      '--data',
      dataFile('pickup-slip'),
    ]);
    expect(badData.code).toBe(1);
    expect(badData.stderr).toContain('ticketNumber');
    const unreachable = await run([
      'printer',
      'print',
      '--to',
      'tcp://127.0.0.1:9',
      '--template',
      'queue-ticket',
      '--data',
      dataFile('queue-ticket'),
    ]);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toContain('cannot reach the printer');
  });

  it('runs a virtual printer that writes transcripts and changes condition from its input', async () => {
    const out = tempDir();
    const child = spawn(process.execPath, ['bin/onewindow-device.js', 'printer', 'virtual', '--port', '0', '--out', out], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    cleanups.push(() => stop(child));
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = (await lines.next()).value as string;
    const url = /listening (tcp:\/\/\S+)/.exec(first)![1]!;
    child.stdin.write('paper-end\n');
    expect((await lines.next()).value).toBe('condition paper-end');
    expect((await run(['printer', 'status', '--to', url])).code).toBe(3);
  });
});
