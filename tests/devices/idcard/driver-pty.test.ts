import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { createIdCardReader, type IdCardReader, type ReaderStatus } from '../../../src/devices/idcard/driver.js';
import { openSerialChannel } from '../../../src/devices/serial/channel.js';
import type { IdCard } from '../../../src/shared/idcard.js';
import { openPtyPair, stop, type PtyPair } from '../../helpers/pty-pair.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { waitFor } from '../../helpers/wait-for.js';

const tempDir = useTempDir('onewindow-pty-');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The simulator in its own process, through the device CLI, as a technician would run it. */
async function startSimulator(port: string, card: string, scenario = 'normal'): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['bin/onewindow-device.js', 'idcard', 'sim', '--port', port, '--card', card, '--scenario', scenario],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [line] = await createInterface({ input: child.stdout })
    [Symbol.asyncIterator]()
    .next()
    .then((r) => [r.value as string]);
  expect(line).toContain('simulating');
  cleanups.push(() => stop(child));
  return child;
}

async function pair(): Promise<PtyPair> {
  const made = await openPtyPair(tempDir());
  cleanups.push(made.unplug);
  return made;
}

describe('reader service over a real pty pair, simulator in another process', () => {
  it('reads a card, survives the reader being unplugged, and reads again once it is back', async () => {
    const dir = tempDir();
    let ptys = await openPtyPair(dir);
    let simulator = await startSimulator(ptys.device, 'resources/idcard/cards/resident.json');
    const reader: IdCardReader = createIdCardReader({
      openChannel: () => openSerialChannel(ptys.host, 115200),
      pollIntervalMs: 50,
      reconnectInitialMs: 100,
      reconnectMaxMs: 400,
    });
    cleanups.push(() => reader.stop());
    const cards: IdCard[] = [];
    const statuses: ReaderStatus[] = [];
    reader.on('card', (card) => cards.push(card));
    reader.on('status', (status) => statuses.push(status));
    reader.start();
    await waitFor(() => cards.length === 1, 10_000);
    expect(cards[0]).toMatchObject({ type: 'resident', idNumber: '430602199003071231' });

    await stop(simulator);
    await ptys.unplug();
    await waitFor(() => statuses.some((status) => status.state === 'disconnected'), 10_000);

    ptys = await openPtyPair(dir);
    cleanups.push(ptys.unplug);
    simulator = await startSimulator(ptys.device, 'resources/idcard/cards/foreigner-2017.json');
    await waitFor(() => cards.length === 2, 10_000);
    expect(cards[1]).toMatchObject({ type: 'foreigner', englishName: 'SMITH, JOHN PAUL' });
    expect(statuses.filter((status) => status.state === 'connected').length).toBeGreaterThanOrEqual(2);
  });

  it('reads through garbage and corrupt replies on the line', async () => {
    for (const scenario of ['garbage', 'checksum-errors']) {
      const ptys = await pair();
      await startSimulator(ptys.device, 'resources/idcard/cards/hkmotw.json', scenario);
      const reader = createIdCardReader({ openChannel: () => openSerialChannel(ptys.host, 115200), pollIntervalMs: 50 });
      cleanups.push(() => reader.stop());
      reader.start();
      await expect(reader.nextCard(8000)).resolves.toMatchObject({ type: 'hkmotw', passNumber: 'H12345678' });
    }
  });
});
