import { afterEach, describe, expect, it } from 'vitest';
import type { IdCardError } from '../../../src/devices/idcard/errors.js';
import { InProcessReader } from '../../../src/devices/idcard/transport.js';
import { createIdCardReader, type IdCardReader, type ReaderStatus } from '../../../src/devices/idcard/driver.js';
import type { Scenario } from '../../../src/devices/idcard/simulator.js';
import type { IdCard } from '../../../src/shared/idcard.js';
import { sampleCard } from './sample-cards.js';
import { pause, waitFor } from '../../helpers/wait-for.js';

const readers: IdCardReader[] = [];
afterEach(async () => {
  await Promise.all(readers.splice(0).map((reader) => reader.stop()));
});

function start(device: InProcessReader, overrides: Partial<Parameters<typeof createIdCardReader>[0]> = {}) {
  const reader = createIdCardReader({
    openChannel: device.openChannel,
    pollIntervalMs: 20,
    commandTimeoutMs: 300,
    readTimeoutMs: 600,
    reconnectInitialMs: 30,
    reconnectMaxMs: 100,
    ...overrides,
  });
  const cards: IdCard[] = [];
  const errors: IdCardError[] = [];
  const statuses: ReaderStatus[] = [];
  reader.on('card', (card) => cards.push(card));
  reader.on('error', (error) => errors.push(error));
  reader.on('status', (status) => statuses.push(status));
  readers.push(reader);
  reader.start();
  return { reader, cards, errors, statuses };
}

describe('ID-card reader service against the simulator', () => {
  it('checks the SAM, reports it connected with its ID, and reads a card once per insertion', async () => {
    const device = new InProcessReader({ card: sampleCard('resident') });
    const { cards, statuses } = start(device);
    await waitFor(() => cards.length === 1);
    expect(statuses.find((status) => status.state === 'connected')?.samId).toMatch(/^\d{2}\.\d{2}-\d{8}-\d{10}-\d{10}$/);
    expect(cards[0]).toMatchObject({ type: 'resident', name: '张测试', idNumber: '430602199003071231' });
    await pause(200);
    expect(cards).toHaveLength(1);

    device.removeCard();
    await pause(60);
    device.placeCard(sampleCard('resident'));
    await waitFor(() => cards.length === 2);
  });

  it('reads every card type', async () => {
    const device = new InProcessReader();
    const { cards } = start(device);
    for (const name of ['resident-tujia-longterm', 'foreigner-2017', 'foreigner-2023', 'hkmotw'] as const) {
      device.placeCard(sampleCard(name));
      await waitFor(() => cards.length > 0 && cards.at(-1)!.idNumber === sampleCard(name).idNumber);
      device.removeCard();
      await pause(50);
    }
    expect(cards.map((card) => card.type)).toEqual(['resident', 'foreigner', 'foreigner2023', 'hkmotw']);
  });

  it('does not read the same card again while it lies on a reader that keeps finding it', async () => {
    const device = new InProcessReader({ card: sampleCard('resident') });
    const { cards } = start(device);
    await waitFor(() => cards.length === 1);
    // Some readers find a card again after a read: put it back without taking it away first.
    device.placeCard(sampleCard('resident'));
    await pause(200);
    expect(cards).toHaveLength(1);
  });

  it.each(['checksum-errors', 'garbage', 'slow'] as Scenario[])('reads the card despite %s', async (scenario) => {
    const device = new InProcessReader({ card: sampleCard('resident'), scenario, slowReplyMs: 100 });
    const { cards } = start(device);
    await waitFor(() => cards.length === 1, 5000);
    expect(cards[0]!.name).toBe('张测试');
  });

  it('reports a card taken away mid-read as an error a clerk understands, never as half a card', async () => {
    const device = new InProcessReader({ card: sampleCard('resident'), scenario: 'removed-mid-read' });
    const { cards, errors } = start(device);
    await waitFor(() => errors.length === 1);
    expect(errors[0]!.message).toContain('读卡失败');
    await pause(100);
    expect(cards).toEqual([]);
  });

  it('reports a SAM fault and keeps trying', async () => {
    const device = new InProcessReader({ card: sampleCard('resident'), scenario: 'sam-fault' });
    const { statuses } = start(device);
    await waitFor(() => statuses.filter((status) => status.state === 'sam-fault').length >= 2);
    expect(statuses.find((status) => status.state === 'sam-fault')!.message).toContain('安全模块自检失败');
  });

  it('reports a card whose ID number fails its check digit as an error, not as a card', async () => {
    const forged = { ...sampleCard('resident'), idNumber: '430602199003071232' };
    const device = new InProcessReader({ card: forged });
    const { cards, errors } = start(device);
    await waitFor(() => errors.length === 1);
    expect(errors[0]!.code).toBe('invalid-id-number');
    await pause(100);
    expect(cards).toEqual([]);
    expect(errors).toHaveLength(1);
  });

  it('notices an unplugged reader, says so, and reconnects when it comes back', async () => {
    const device = new InProcessReader({ card: sampleCard('resident') });
    const { cards, statuses } = start(device);
    await waitFor(() => cards.length === 1);
    await device.unplug();
    await waitFor(() => statuses.some((status) => status.state === 'disconnected'));
    device.removeCard();
    device.placeCard(sampleCard('hkmotw'));
    await waitFor(() => cards.length === 2);
    expect(cards[1]!.type).toBe('hkmotw');
    expect(statuses.filter((status) => status.state === 'connected')).toHaveLength(2);
  });

  it('backs off while the port cannot be opened, and never hangs', async () => {
    let attempts = 0;
    const { statuses } = start(new InProcessReader(), {
      openChannel: async () => {
        attempts++;
        throw new Error('ENOENT: no such file /dev/ttyUSB9');
      },
    });
    await waitFor(() => attempts >= 3);
    expect(statuses.at(-1)).toMatchObject({ state: 'disconnected', message: expect.stringContaining('/dev/ttyUSB9') });
  });

  it('gives the next card to whoever waits for it, or says no card came', async () => {
    const device = new InProcessReader();
    const { reader } = start(device);
    await expect(reader.nextCard(100)).rejects.toMatchObject({ code: 'no-card' });
    const next = reader.nextCard(2000);
    device.placeCard(sampleCard('foreigner-2023'));
    await expect(next).resolves.toMatchObject({ type: 'foreigner2023' });
  });

  it('decodes the photo with the configured decoder, and keeps the card complete when it fails', async () => {
    const device = new InProcessReader({ card: sampleCard('resident') });
    const failures: unknown[] = [];
    const good = start(device, { photoDecoder: { name: 'fake', decode: async () => Buffer.from('BM-fake') } });
    await waitFor(() => good.cards.length === 1);
    expect(good.cards[0]!.photo.bmp).toBe(Buffer.from('BM-fake').toString('base64'));

    const broken = start(new InProcessReader({ card: sampleCard('resident') }), {
      photoDecoder: {
        name: 'broken',
        decode: async () => {
          throw new Error('licence expired');
        },
      },
      onPhotoDecodeError: (error) => failures.push(error),
    });
    await waitFor(() => broken.cards.length === 1);
    expect(broken.cards[0]!.photo.bmp).toBeNull();
    expect(failures).toHaveLength(1);
  });

  it('reads the additional address and the fingerprint block when asked', async () => {
    const card = {
      ...sampleCard('resident'),
      additionalAddress: '迁至湖南省长沙市示例区',
      fingerprint: Buffer.alloc(1024, 9).toString('base64'),
    };
    const device = new InProcessReader({ card });
    const { cards } = start(device, { readAdditionalAddress: true, readFingerprint: true });
    await waitFor(() => cards.length === 1);
    expect(cards[0]).toMatchObject({ additionalAddress: '迁至湖南省长沙市示例区', fingerprint: card.fingerprint });
    expect(device.current!.received).toEqual(expect.arrayContaining(['readTextPhotoFingerprint', 'readAdditionalAddress']));

    const plain = start(new InProcessReader({ card: sampleCard('resident') }), { readAdditionalAddress: true });
    await waitFor(() => plain.cards.length === 1);
    expect(plain.cards[0]).not.toHaveProperty('additionalAddress');
  });
});
