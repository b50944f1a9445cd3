import { createHash } from 'node:crypto';
import { HallConfigSchema, type HallConfig } from '../../src/shared/queue.js';

export const TEST_CLERK = { id: 'c001', name: '李娜', pin: '2468' };

export const TEST_HALL: HallConfig = HallConfigSchema.parse({
  hallName: '测试大厅',
  queues: [
    { id: 'comprehensive', name: '综合一窗', prefix: 'A' },
    { id: 'tax', name: '税务', prefix: 'C' },
    { id: 'tiny', name: '快速通道', prefix: 'K', maxPerDay: 2 },
  ],
  windows: [
    { number: 1, name: '综合受理', queues: [{ queueId: 'comprehensive', weight: 3 }, { queueId: 'tax', weight: 1 }] },
    { number: 2, name: '综合受理', queues: [{ queueId: 'comprehensive' }] },
    { number: 3, name: '综合受理', queues: [{ queueId: 'comprehensive' }] },
    { number: 5, name: '税务专窗', queues: [{ queueId: 'tax' }] },
  ],
});

/** The test hall with a clerk enrolled: its windows then serve only while a clerk is logged in. */
export const TEST_HALL_WITH_CLERK: HallConfig = {
  ...TEST_HALL,
  clerks: [{ id: TEST_CLERK.id, name: TEST_CLERK.name, pinSha256: createHash('sha256').update(`${TEST_CLERK.id}:${TEST_CLERK.pin}`).digest('hex') }],
};
