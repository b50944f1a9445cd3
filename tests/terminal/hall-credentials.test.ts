import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/hall/event-log.js';
import { createTerminalRegistry } from '../../src/hall/terminal-registry.js';
import { HallConfigSchema } from '../../src/shared/hall-config.js';
import { createSealer } from '../../src/storage/sealer.js';
import { openDatabase } from '../../src/storage/sqlite.js';
import { createHallClient } from '../../src/terminal/hall-client.js';
import { createHallCredentials } from '../../src/terminal/hall-credentials.js';
import { TERMINAL_MIGRATIONS } from '../../src/terminal/terminal-db.js';
import { useHallServers } from '../helpers/hall-http.js';

const startHall = useHallServers();
const config = HallConfigSchema.parse({ hallName: '测试大厅', queues: [{ id: 'tax', name: '税务', prefix: 'C' }] });
const DAY = 86_400_000;
const sealer = createSealer(randomBytes(32));

describe("the terminal's hall token", () => {
  it('is rotated once it is older than rotateDays, and the old one stops working as soon as the new one is used', async () => {
    const hall = await startHall(config);
    const registry = createTerminalRegistry(
      hall.store,
      [],
      createEventLog(hall.store, () => new Date()),
    );
    const { code } = await registry.createEnrolmentCode({ id: 'kiosk-02', role: 'kiosk', window: null });
    const enrolled = (await hall.post('/api/v1/terminals/enrol', { code, terminalId: 'kiosk-02' })).body.token as string;

    let clock = new Date('2026-11-01T00:00:00Z');
    const db = openDatabase(':memory:', TERMINAL_MIGRATIONS);
    const credentials = createHallCredentials(db, 'a-token-from-the-config-file', sealer, () => clock);
    expect(credentials.token()).toBe('a-token-from-the-config-file');
    credentials.save(enrolled);
    const client = createHallClient(hall.base, 'kiosk-02', credentials.token);

    clock = new Date(clock.getTime() + 29 * DAY);
    expect(await credentials.rotateIfDue(client, 30)).toBe(false);
    expect(credentials.token()).toBe(enrolled);

    clock = new Date(clock.getTime() + 2 * DAY);
    expect(await credentials.rotateIfDue(client, 30)).toBe(true);
    expect(credentials.token()).not.toBe(enrolled);
    expect(createHallCredentials(db, undefined, sealer).token()).toBe(credentials.token());
    expect((await client.listQueues()).map((queue) => queue.id)).toEqual(['tax']);
    await expect(createHallClient(hall.base, 'kiosk-02', () => enrolled).listQueues()).rejects.toThrow('令牌无效');
  });

  it('leaves a token written into the config file alone', async () => {
    const db = openDatabase(':memory:', TERMINAL_MIGRATIONS);
    const credentials = createHallCredentials(db, 'a-token-from-the-config-file', sealer);
    const hall = { rotateToken: () => Promise.reject(new Error('not asked')), health: () => Promise.reject(new Error('not asked')) };
    expect(await credentials.rotateIfDue(hall, 1)).toBe(false);
  });
});
