import { afterEach, describe, expect, it } from 'vitest';
import type { Events, Methods } from '../../src/shared/contract.js';
import type { Scan } from '../../src/shared/scanner.js';
import { createRpcClient } from '../../src/shared/rpc/client.js';
import { createMemoryTransportPair } from '../../src/shared/rpc/transport.js';
import { createTerminalHost, type TerminalHost } from '../../src/terminal/host.js';
import { testTerminalConfig } from '../helpers/terminal.js';
import { waitFor } from '../helpers/wait-for.js';

const hosts: TerminalHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()));
});

const DEMO_CODES = [{ text: 'onewindow:prefill:P7Q2K9', slip: '预填单 Pre-fill slip · kiosk-01 job-0002' }];

function kioskWith(scanner: unknown) {
  const config = testTerminalConfig('kiosk', 'http://127.0.0.1:9', 'http://127.0.0.1:9', scanner ? { scanner } : {});
  const host = createTerminalHost({
    config,
    version: 'test',
    validateOutput: true,
    linkCheckIntervalMs: 60_000,
    demoCodes: () => DEMO_CODES,
  });
  hosts.push(host);
  host.start();
  const [server, client] = createMemoryTransportPair();
  host.rpc.connect(server, 'kiosk');
  const rpc = createRpcClient<Methods, Events>(client, { timeoutMs: 10_000 });
  const scans: Scan[] = [];
  rpc.on('scanner.scan', (scan) => scans.push(scan));
  return { rpc, scans };
}

describe('模拟扫码 on the terminal host', () => {
  it('says a simulated scanner is simulated, and a code given to it reaches the pages as a scan of that scanner', async () => {
    const { rpc, scans } = kioskWith({ kind: 'simulated' });
    await waitFor(async () => (await rpc.invoke('scanner.status', {})).connected === true);
    expect(await rpc.invoke('scanner.status', {})).toMatchObject({ mode: 'simulated' });
    await rpc.invoke('scanner.simulate', { text: 'onewindow:prefill:P7Q2K9 不动产', symbology: 'qr' });
    await waitFor(() => scans.length === 1);
    expect(scans[0]).toMatchObject({ text: 'onewindow:prefill:P7Q2K9 不动产', symbology: 'qr', source: 'simulated' });
    expect(await rpc.invoke('scanner.demoCodes', {})).toEqual({ codes: DEMO_CODES });
  });

  it.each([
    ['a serial scanner', { kind: 'serial', port: '/dev/onewindow-test-no-such-port' }, 'host'],
    ['a keyboard-wedge scanner', { kind: 'wedge' }, 'wedge'],
    ['no scanner', null, 'none'],
  ])('refuses to inject a scan on %s', async (_name, scanner, mode) => {
    const { rpc, scans } = kioskWith(scanner);
    expect(await rpc.invoke('scanner.status', {})).toMatchObject({ mode });
    await expect(rpc.invoke('scanner.simulate', { text: 'onewindow:prefill:P7Q2K9', symbology: 'qr' })).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('模拟扫码枪'),
    });
    expect(scans).toEqual([]);
    await expect(rpc.invoke('scanner.demoCodes', {})).rejects.toMatchObject({ code: 'REFUSED' });
  });
});
